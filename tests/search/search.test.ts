import { beforeAll, describe, expect, it } from "vitest";
import * as searchRoute from "@/app/api/v1/search/route";
import { db } from "@/lib/db/prisma";
import { searchOrganization } from "@/lib/search/queries";
import { SearchQuerySchema } from "@/lib/search/schemas";
import { createApiToken, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

type Handler = Parameters<typeof callApi>[0];
let A: World;
let tokenA: string;
let otherCycleId: string;
let foreign: { cycleId: string; objectiveId: string };
const word = `Zephyr${Date.now().toString(36)}`;

beforeAll(async () => {
  A = await createWorld();
  tokenA = (await createApiToken(db, A.org.id, A.viewer.id)).secret;
  const company = await createObjective(db, A.org.id, { cycleId: A.cycle.id, ownerId: A.admin.id, title: `Grow ${word} revenue` });
  await createObjective(db, A.org.id, { cycleId: A.cycle.id, ownerId: A.admin.id, title: `${word} first` });
  await createKeyResult(db, A.org.id, { objectiveId: company.id, title: `${word} signups 100% up`, target: 10 });
  await createTeam(db, A.org.id, { name: `${word} squad` });
  await createMember(db, A.org.id, "member", { name: `Ada ${word}` });
  const other = await createCycle(db, A.org.id, { state: "planning", startDate: new Date(Date.UTC(2027, 0, 1)), endDate: new Date(Date.UTC(2027, 2, 31)) });
  otherCycleId = other.id;
  await createObjective(db, A.org.id, { cycleId: other.id, ownerId: A.admin.id, title: `${word} next quarter` });

  const B = await createOrganization(db);
  const adminB = await createMember(db, B.id, "owner");
  const cycleB = await createCycle(db, B.id, { state: "active" });
  await db.organization.update({ where: { id: B.id }, data: { defaultCycleId: cycleB.id } });
  const objectiveB = await createObjective(db, B.id, { cycleId: cycleB.id, ownerId: adminB.id, title: `${word} belongs to B` });
  await createKeyResult(db, B.id, { objectiveId: objectiveB.id, title: `${word} B's measure`, target: 5 });
  await createTeam(db, B.id, { name: `${word} B team` });
  await createMember(db, B.id, "member", { name: `Bob ${word}` });
  foreign = { cycleId: cycleB.id, objectiveId: objectiveB.id };
});

describe("GET /api/v1/search", () => {
  it("finds objectives, key results, teams and people of the caller's organisation only", async () => {
    const res = await callApi(searchRoute.GET as Handler, { path: `/api/v1/search?q=${word.toLowerCase()}&limit=10`, token: tokenA });
    expect(res.status).toBe(200);
    const { data } = res.json as { data: Awaited<ReturnType<typeof searchOrganization>> };
    // Titles that start with the term come first.
    expect(data.objectives.map((o) => o.title)).toEqual([`${word} first`, `Grow ${word} revenue`]);
    expect(data.keyResults.map((k) => k.title)).toEqual([`${word} signups 100% up`]);
    expect(data.teams.map((t) => t.name)).toEqual([`${word} squad`]);
    expect(data.people.map((p) => p.name)).toEqual([`Ada ${word}`]);
    expect(JSON.stringify(data)).not.toContain("B");
  });

  it("searches the cycle asked for, and answers 404 for another organisation's cycle", async () => {
    const next = await callApi(searchRoute.GET as Handler, { path: `/api/v1/search?q=${word}&cycleId=${otherCycleId}`, token: tokenA });
    expect((next.json as { data: { objectives: { title: string }[] } }).data.objectives.map((o) => o.title)).toEqual([`${word} next quarter`]);
    const foreignCycle = await callApi(searchRoute.GET as Handler, { path: `/api/v1/search?q=${word}&cycleId=${foreign.cycleId}`, token: tokenA });
    expect(foreignCycle.status).toBe(404);
    expect(JSON.stringify(foreignCycle.json)).not.toContain(word);
  });

  it("matches % and _ literally and respects the limit", async () => {
    const percent = await searchOrganization(A.org.id, SearchQuerySchema.parse({ q: "100%" }));
    expect(percent.keyResults.map((k) => k.title)).toEqual([`${word} signups 100% up`]);
    const underscore = await searchOrganization(A.org.id, SearchQuerySchema.parse({ q: "_" }));
    expect(underscore.objectives).toEqual([]);
    const one = await searchOrganization(A.org.id, SearchQuerySchema.parse({ q: word, limit: "1" }));
    expect(one.objectives).toHaveLength(1);
  });

  it("refuses an empty search and anonymous callers", async () => {
    expect((await callApi(searchRoute.GET as Handler, { path: "/api/v1/search?q=", token: tokenA })).status).toBe(400);
    expect((await callApi(searchRoute.GET as Handler, { path: `/api/v1/search?q=${word}` })).status).toBe(401);
  });

  it("has trigram indexes that serve a contains search on titles", async () => {
    // The planner picks by statistics, so with a handful of rows it scans; forbidding scans shows the index can serve.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      for (const table of ["objectives", "key_results"]) {
        const plan = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT id FROM ${table} WHERE title ILIKE '%${word}%'`);
        expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain(`${table}_title_trgm_idx`);
      }
    });
  });
});
