import { beforeAll, describe, expect, it } from "vitest";
import { GET as getTree } from "@/app/api/v1/cycles/[id]/tree/route";
import { db } from "@/lib/db/prisma";
import { buildTree, whyChainOf } from "@/lib/tree/model";
import type { TreePayload } from "@/lib/tree/payload";
import { createApiToken, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

let world: World;
let token: string;
beforeAll(async () => {
  world = await createWorld();
  token = (await createApiToken(db, world.org.id, world.viewer.id)).secret;
});

describe("the alignment tree data", () => {
  it("holds every objective and key result of the cycle, with references the browser can follow", async () => {
    const cycle = await createCycle(db, world.org.id);
    const company = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Company" });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: company.id, title: "Revenue", target: 100 });
    await createCheckIn(db, world.org.id, { keyResultId: kr.id, authorId: world.admin.id, week: new Date(Date.UTC(2026, 10, 16)), value: 25, confidence: "at_risk" });
    const team = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Team", parentKeyResultId: kr.id });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, level: "personal", title: "Mine", parentObjectiveId: team.id });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId: world.team.id, title: "Loner" });
    await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, title: "Other cycle" });

    const res = await callApi(getTree, { path: "/x", token, params: { id: cycle.id } });
    expect(res.status).toBe(200);
    const payload = res.json as TreePayload;
    expect(payload.cycle.id).toBe(cycle.id);
    expect([...payload.objectives.title].sort()).toEqual(["Company", "Loner", "Mine", "Team"]);
    const model = buildTree(res.json as TreePayload);
    const fresh = res.json as TreePayload;
    const mine = fresh.objectives.title.indexOf("Mine");
    expect(whyChainOf(model, mine).map((s) => fresh.objectives.title[s.objective])).toEqual(["Team", "Company"]);
    expect(fresh.keyResults.title[whyChainOf(model, mine)[1]!.viaKeyResult]).toBe("Revenue");
    expect(model.unaligned.map((i) => fresh.objectives.title[i])).toEqual(["Loner"]);
    const revenue = fresh.keyResults.title.indexOf("Revenue");
    expect(fresh.keyResults.progress[revenue]).toBe(25);
    expect(fresh.keyResults.confidence[revenue]).toBe(1);
    expect(fresh.teams.name[fresh.objectives.team[fresh.objectives.title.indexOf("Team")]!]).toBe(world.team.name);
  });

  it("answers 404 for another organisation's cycle and for no cycle at all", async () => {
    const other = await createOrganization(db);
    const owner = await createMember(db, other.id, "owner");
    const cycle = await createCycle(db, other.id);
    await createObjective(db, other.id, { cycleId: cycle.id, ownerId: owner.id, title: "Their plan" });
    const res = await callApi(getTree, { path: "/x", token, params: { id: cycle.id } });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.json)).not.toContain("Their plan");
    expect((await callApi(getTree, { path: "/x", token, params: { id: "0195d3a0-0000-7000-8000-000000000000" } })).status).toBe(404);
  });

  it("is valid for an empty cycle", async () => {
    const cycle = await createCycle(db, world.org.id);
    const res = await callApi(getTree, { path: "/x", token, params: { id: cycle.id } });
    expect((res.json as TreePayload).objectives.id).toEqual([]);
    expect(buildTree(res.json as TreePayload).roots).toEqual([]);
  });
});
