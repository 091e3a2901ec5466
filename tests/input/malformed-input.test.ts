import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCheckIns, POST as postCheckIn } from "@/app/api/v1/check-ins/route";
import { POST as postCycle } from "@/app/api/v1/cycles/route";
import { PATCH as patchCycle } from "@/app/api/v1/cycles/[id]/route";
import { POST as postKeyResult } from "@/app/api/v1/key-results/route";
import { PATCH as patchKeyResult } from "@/app/api/v1/key-results/[id]/route";
import { GET as listObjectives, POST as postObjective } from "@/app/api/v1/objectives/route";
import { PUT as putAlignment } from "@/app/api/v1/objectives/[id]/alignment/route";
import { GET as getTeam, PATCH as patchTeam } from "@/app/api/v1/teams/[id]/route";
import { POST as postTeam } from "@/app/api/v1/teams/route";
import { db } from "@/lib/db/prisma";
import { ParentFieldSchema } from "@/lib/objectives/schemas";
import { createApiToken, createCycle, createKeyResult, createObjective, createTeam } from "@/prisma/factories";
import { callApi, type ApiResult } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

let world: World;
let token = "";

beforeAll(async () => {
  world = await createWorld();
  token = (await createApiToken(db, world.org.id, world.admin.id)).secret;
});

type Problem = { status: number; detail: string; errors?: { field: string; message: string }[] };

/** A refusal a person (or a script) can act on: a 4xx problem document that names the field to fix. */
function expectRefusal(res: ApiResult, status: number, field: string) {
  expect(res.status).toBe(status);
  expect(res.contentType).toBe("application/problem+json");
  expect((res.json as Problem).errors?.map((e) => e.field)).toContain(field);
}

const auditCount = () => db.auditEvent.count({ where: { organizationId: world.org.id } });

describe("text with a NUL byte, a control character or a lone surrogate", () => {
  it("is refused on a team name, an objective title and a check-in note, naming the field and writing nothing", async () => {
    const nul = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token, body: { name: "Plat\u0000form" } });
    expectRefusal(nul, 422, "name");
    expect((nul.json as Problem).errors?.[0]?.message).toMatch(/NUL/);

    const surrogate = await callApi(postObjective, {
      method: "POST",
      path: "/api/v1/objectives",
      token,
      body: { cycleId: world.cycle.id, level: "company", title: "Grow \ud800 revenue" },
    });
    expectRefusal(surrogate, 422, "title");

    const bell = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token, body: { name: "Ring\u0007" } });
    expectRefusal(bell, 422, "name");

    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.admin.id });
    const auditsBeforeNote = await auditCount();
    const note = await callApi(postCheckIn, {
      method: "POST",
      path: "/api/v1/check-ins",
      token,
      body: { keyResultId: kr.id, value: "5", confidence: "on_track", note: "half \udc00 done" },
    });
    expectRefusal(note, 422, "note");
    expect(await db.checkIn.count({ where: { keyResultId: kr.id } })).toBe(0);
    expect(await auditCount()).toBe(auditsBeforeNote);
    expect(await db.team.count({ where: { organizationId: world.org.id, name: { startsWith: "Plat" } } })).toBe(0);
  });

  it("keeps line breaks in multi-line text but refuses them in a single-line name", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.admin.id });
    const note = await callApi(postCheckIn, {
      method: "POST",
      path: "/api/v1/check-ins",
      token,
      body: { keyResultId: kr.id, value: "5", confidence: "on_track", note: "Shipped:\r\n\t- the importer" },
    });
    expect(note.status).toBe(201);
    const name = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token, body: { name: "Two\nlines" } });
    expectRefusal(name, 422, "name");
  });

  it("is refused in a search query with a 400 naming q", async () => {
    const res = await callApi(listObjectives, { path: `/api/v1/objectives?q=${encodeURIComponent("a\u0000b")}`, token });
    expectRefusal(res, 400, "q");
  });
});

describe("numbers", () => {
  it("refuses an empty, blank or textual key result weight with a 422 on weight, creating and updating nothing", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id });
    for (const weight of ["", " ", "heavy"]) {
      const res = await callApi(postKeyResult, {
        method: "POST",
        path: "/api/v1/key-results",
        token,
        body: { objectiveId: objective.id, title: "Weekly active teams", targetValue: "100", weight },
      });
      expectRefusal(res, 422, "weight");
    }
    expect(await db.keyResult.count({ where: { objectiveId: objective.id } })).toBe(0);

    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.admin.id });
    const update = await callApi(patchKeyResult, { method: "PATCH", path: `/api/v1/key-results/${kr.id}`, token, params: { id: kr.id }, body: { version: 1, weight: "" } });
    expectRefusal(update, 422, "weight");
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: kr.id } })).weight.toString()).toBe(kr.weight.toString());
  });
});

describe("dates", () => {
  it("refuses year 0000 in a start date, a quarter and a week, naming each field", async () => {
    const cyclesBefore = await db.cycle.count({ where: { organizationId: world.org.id } });
    const start = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token, body: { name: "Year zero", startDate: "0000-01-01", endDate: "2027-03-31" } });
    expectRefusal(start, 422, "startDate");
    const quarter = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token, body: { quarter: "0000-Q1" } });
    expectRefusal(quarter, 422, "quarter");
    const week = await callApi(listCheckIns, { path: "/api/v1/check-ins?week=0000-01-03", token });
    expectRefusal(week, 400, "week");
    expect(await db.cycle.count({ where: { organizationId: world.org.id } })).toBe(cyclesBefore);
  });

  it("refuses a cycle of three centuries, on create and on an update of one date, naming endDate", async () => {
    const cyclesBefore = await db.cycle.count({ where: { organizationId: world.org.id } });
    const create = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token, body: { name: "Forever", startDate: "1980-01-01", endDate: "2280-01-01" } });
    expect(create.status).toBe(422);
    const long = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token, body: { name: "Forever", startDate: "2026-01-01", endDate: "2199-12-31" } });
    expectRefusal(long, 422, "endDate");
    expect((long.json as Problem).errors?.[0]?.message).toMatch(/at most 2 years/);
    expect(await db.cycle.count({ where: { organizationId: world.org.id } })).toBe(cyclesBefore);

    const cycle = await createCycle(db, world.org.id, { startDate: new Date("2027-01-01"), endDate: new Date("2027-03-31"), state: "planning" });
    const update = await callApi(patchCycle, { method: "PATCH", path: `/api/v1/cycles/${cycle.id}`, token, params: { id: cycle.id }, body: { endDate: "2199-12-31" } });
    expectRefusal(update, 422, "endDate");
    expect((await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).endDate.toISOString()).toBe("2027-03-31T00:00:00.000Z");

    const twoYears = await callApi(patchCycle, { method: "PATCH", path: `/api/v1/cycles/${cycle.id}`, token, params: { id: cycle.id }, body: { endDate: "2028-12-31" } });
    expect(twoYears.status).toBe(200);
  });
});

describe("ids", () => {
  it("answers a malformed path id with a 404 problem and a dashed parent id with a 422 naming the field", async () => {
    const dashes = "-".repeat(36);
    const path = await callApi(getTeam, { path: `/api/v1/teams/${dashes}`, token, params: { id: dashes } });
    expect(path.status).toBe(404);
    expect(path.contentType).toBe("application/problem+json");

    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id });
    const align = await callApi(putAlignment, {
      method: "PUT",
      path: `/api/v1/objectives/${objective.id}/alignment`,
      token,
      params: { id: objective.id },
      body: { version: 1, parentObjectiveId: dashes },
    });
    expectRefusal(align, 422, "parentObjectiveId");
    expect(ParentFieldSchema.safeParse(`objective:${dashes}`).success).toBe(false);
  });

  it("accepts an id in upper case and answers with it in lower case", async () => {
    const team = await createTeam(db, world.org.id);
    const upper = team.id.toUpperCase();
    const res = await callApi(getTeam, { path: `/api/v1/teams/${upper}`, token, params: { id: upper } });
    expect(res.status).toBe(200);
    expect((res.json as { id: string }).id).toBe(team.id);
  });
});

describe("the team tree", () => {
  it("cannot be made a loop by sending a team's own id, or its child's, in upper case", async () => {
    const parent = await createTeam(db, world.org.id);
    const child = await createTeam(db, world.org.id, { parentId: parent.id });
    const audits = await auditCount();

    const self = await callApi(patchTeam, { method: "PATCH", path: `/api/v1/teams/${parent.id}`, token, params: { id: parent.id }, body: { parentId: parent.id.toUpperCase() } });
    expectRefusal(self, 422, "parentId");
    const under = await callApi(patchTeam, { method: "PATCH", path: `/api/v1/teams/${parent.id}`, token, params: { id: parent.id }, body: { parentId: child.id.toUpperCase() } });
    expectRefusal(under, 422, "parentId");

    expect((await db.team.findUniqueOrThrow({ where: { id: parent.id } })).parentId).toBeNull();
    expect(await auditCount()).toBe(audits);
  });

  it("cannot be made a loop by raw SQL either: the database refuses it", async () => {
    const top = await createTeam(db, world.org.id);
    const middle = await createTeam(db, world.org.id, { parentId: top.id });
    const bottom = await createTeam(db, world.org.id, { parentId: middle.id });

    await expect(db.$executeRaw`UPDATE teams SET parent_id = id WHERE id = ${top.id}::uuid`).rejects.toThrow(/own parent/);
    await expect(db.$executeRaw`UPDATE teams SET parent_id = ${bottom.id}::uuid WHERE id = ${top.id}::uuid`).rejects.toThrow(/own sub-team/);
    const rival = await createWorld();
    await expect(db.$executeRaw`UPDATE teams SET parent_id = ${rival.team.id}::uuid WHERE id = ${top.id}::uuid`).rejects.toThrow(/teams_organization_id_parent_id_fkey/);
    expect((await db.team.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();

    // A legitimate move still goes through.
    await db.$executeRaw`UPDATE teams SET parent_id = ${top.id}::uuid WHERE id = ${bottom.id}::uuid`;
    expect((await db.team.findUniqueOrThrow({ where: { id: bottom.id } })).parentId).toBe(top.id);
  });
});
