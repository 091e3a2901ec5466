import { beforeAll, describe, expect, it } from "vitest";
import { GET as listObjectives, POST as postObjective } from "@/app/api/v1/objectives/route";
import { GET as getObjective, PATCH as patchObjective } from "@/app/api/v1/objectives/[id]/route";
import { PUT as putAlignment } from "@/app/api/v1/objectives/[id]/alignment/route";
import { POST as abandon } from "@/app/api/v1/objectives/[id]/abandon/route";
import { POST as move } from "@/app/api/v1/objectives/[id]/move/route";
import { GET as candidates } from "@/app/api/v1/alignment-candidates/route";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCycle, createKeyResult, createMember, createObjective, createOrganization } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

let world: World;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  world = await createWorld();
  for (const role of ["owner", "admin", "lead", "member", "viewer"] as const) {
    tokens[role] = (await createApiToken(db, world.org.id, world[role].id)).secret;
  }
});

const post = (token: string, body: unknown) => callApi(postObjective, { method: "POST", path: "/api/v1/objectives", token, body });
const patch = (token: string, id: string, body: unknown) => callApi(patchObjective, { method: "PATCH", path: "/x", token, params: { id }, body });
const errorsOf = (json: unknown) => (json as { errors?: { field: string; message: string }[] }).errors ?? [];

describe("creating objectives", () => {
  it("lets admins write company objectives and records who did it", async () => {
    const res = await post(tokens.admin!, { cycleId: world.cycle.id, level: "company", title: "Become the default choice", whyItMatters: "Growth" });
    expect(res.status).toBe(201);
    const body = res.json as { id: string; ownerId: string; version: number; progress: string };
    expect(body).toMatchObject({ ownerId: world.admin.id, version: 1, progress: "0" });
    const audit = await db.auditEvent.findFirst({ where: { organizationId: world.org.id, entityId: body.id, action: "objective.created" } });
    expect(audit?.actorId).toBe(world.admin.id);
  });

  it("refuses company objectives from members and anything from viewers, writing nothing", async () => {
    const before = await db.objective.count({ where: { organizationId: world.org.id } });
    expect((await post(tokens.member!, { cycleId: world.cycle.id, level: "company", title: "Member's company goal" })).status).toBe(403);
    expect((await post(tokens.viewer!, { cycleId: world.cycle.id, level: "personal", title: "Viewer's goal" })).status).toBe(403);
    expect(await db.objective.count({ where: { organizationId: world.org.id } })).toBe(before);
  });

  it("lets members own objectives for themselves and leads plan for their team", async () => {
    expect((await post(tokens.member!, { cycleId: world.cycle.id, level: "personal", title: "Learn the billing domain" })).status).toBe(201);
    expect((await post(tokens.member!, { cycleId: world.cycle.id, level: "team", teamId: world.team.id, title: "My team goal I own" })).status).toBe(201);
    const forSomeoneElse = await post(tokens.member!, { cycleId: world.cycle.id, level: "team", teamId: world.team.id, ownerId: world.lead.id, title: "Goal for my lead" });
    expect(forSomeoneElse.status).toBe(403);
    const byLead = await post(tokens.lead!, { cycleId: world.cycle.id, level: "team", teamId: world.team.id, ownerId: world.member.id, title: "Goal the lead sets for a member" });
    expect(byLead.status).toBe(201);
  });

  it("names the field that is wrong", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ cycleId: world.cycle.id, level: "company" }, "title", /title/i],
      [{ cycleId: world.cycle.id, level: "company", title: "x".repeat(201) }, "title", /at most 200/],
      [{ cycleId: world.cycle.id, level: "team", title: "No team given" }, "teamId", /team/],
      [{ cycleId: "nope", level: "company", title: "Bad cycle" }, "cycleId", /cycle/],
      [{ cycleId: world.cycle.id, level: "galaxy", title: "Bad level" }, "level", /company, team or personal/],
      [{ cycleId: world.cycle.id, level: "company", title: 42 }, "title", /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(tokens.admin!, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(errorsOf(res.json).find((e) => e.field === field)?.message).toMatch(message);
    }
  });

  it("refuses a cycle of another organisation as not found, and a closed cycle as read-only", async () => {
    const other = await createOrganization(db);
    const foreignCycle = await createCycle(db, other.id);
    const foreign = await post(tokens.admin!, { cycleId: foreignCycle.id, level: "company", title: "Sneaky" });
    expect(foreign.status).toBe(404);
    expect(errorsOf(foreign.json)[0]?.field).toBe("cycleId");
    const closed = await createCycle(db, world.org.id, { state: "closed" });
    const res = await post(tokens.admin!, { cycleId: closed.id, level: "company", title: "Too late" });
    expect(res.status).toBe(409);
    expect(await db.objective.count({ where: { cycleId: { in: [closed.id, foreignCycle.id] } } })).toBe(0);
  });
});

describe("alignment", () => {
  it("aligns to an objective or a key result of any team in the same cycle", async () => {
    const company = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "Company growth" });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: company.id, title: "Grow ARR", target: 100 });
    const res = await post(tokens.lead!, { cycleId: world.cycle.id, level: "team", teamId: world.team.id, title: "Team contribution", parentKeyResultId: kr.id });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ parentKeyResultId: kr.id, parentObjectiveId: null });
  });

  it("refuses another cycle's, another organisation's, or both kinds of parent at once", async () => {
    const otherCycle = await createCycle(db, world.org.id);
    const elsewhere = await createObjective(db, world.org.id, { cycleId: otherCycle.id, ownerId: world.admin.id });
    const otherCycleRes = await post(tokens.admin!, { cycleId: world.cycle.id, level: "company", title: "Wrong cycle parent", parentObjectiveId: elsewhere.id });
    expect(otherCycleRes.status).toBe(422);
    expect(errorsOf(otherCycleRes.json)[0]).toMatchObject({ field: "parentObjectiveId", message: "Align to an objective of the same cycle" });

    const other = await createOrganization(db);
    const foreignOwner = await createMember(db, other.id, "owner");
    const foreignCycle = await createCycle(db, other.id);
    const foreign = await createObjective(db, other.id, { cycleId: foreignCycle.id, ownerId: foreignOwner.id });
    const foreignRes = await post(tokens.admin!, { cycleId: world.cycle.id, level: "company", title: "Foreign parent", parentObjectiveId: foreign.id });
    expect(foreignRes.status).toBe(404);
    expect(errorsOf(foreignRes.json)[0]?.field).toBe("parentObjectiveId");

    const both = await post(tokens.admin!, { cycleId: world.cycle.id, level: "company", title: "Two parents", parentObjectiveId: elsewhere.id, parentKeyResultId: elsewhere.id });
    expect(both.status).toBe(422);
    expect(await db.objective.count({ where: { organizationId: world.org.id, title: { in: ["Wrong cycle parent", "Foreign parent", "Two parents"] } } })).toBe(0);
  });

  it("refuses loops, also through key results, and leaves the objective as it was", async () => {
    const a = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "A" });
    const b = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "B", parentObjectiveId: a.id });
    const bKr = await createKeyResult(db, world.org.id, { objectiveId: b.id, title: "B's measure", target: 10 });
    const c = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "C", parentKeyResultId: bKr.id });

    const loop = await callApi(putAlignment, { method: "PUT", path: "/x", token: tokens.admin, params: { id: a.id }, body: { version: 1, parentObjectiveId: c.id } });
    expect(loop.status).toBe(422);
    expect(errorsOf(loop.json)[0]?.message).toMatch(/loop/);
    const self = await callApi(putAlignment, { method: "PUT", path: "/x", token: tokens.admin, params: { id: a.id }, body: { version: 1, parentKeyResultId: bKr.id } });
    expect(self.status).toBe(422);
    const after = await db.objective.findUniqueOrThrow({ where: { id: a.id } });
    expect(after).toMatchObject({ parentObjectiveId: null, parentKeyResultId: null, version: 1 });

    const unalign = await callApi(putAlignment, { method: "PUT", path: "/x", token: tokens.admin, params: { id: c.id }, body: { version: 1, parentObjectiveId: null } });
    expect(unalign.json).toMatchObject({ parentObjectiveId: null, parentKeyResultId: null, version: 2 });
  });

  it("offers objectives and key results of the cycle to the picker", async () => {
    const target = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "Findable flamingo objective" });
    await createKeyResult(db, world.org.id, { objectiveId: target.id, title: "Flamingo count", target: 5 });
    const res = await callApi(candidates, { path: `/api/v1/alignment-candidates?cycleId=${world.cycle.id}&q=flamingo`, token: tokens.member });
    const data = (res.json as { data: { objectiveId: string; keyResults: { title: string }[] }[] }).data;
    expect(data.map((d) => d.objectiveId)).toEqual([target.id]);
    expect(data[0]!.keyResults.map((k) => k.title)).toEqual(["Flamingo count"]);
  });
});

describe("changing an objective", () => {
  it("asks for a reason to rename during an active cycle, then keeps old title, new title, who and why", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, teamId: world.team.id, title: "Original title" });
    const noReason = await patch(tokens.member!, objective.id, { version: 1, title: "Renamed title" });
    expect(noReason.status).toBe(422);
    expect(errorsOf(noReason.json)[0]?.field).toBe("reason");
    const ok = await patch(tokens.member!, objective.id, { version: 1, title: "Renamed title", reason: "Scope narrowed after the customer interviews" });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ title: "Renamed title", version: 2 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: objective.id, action: "objective.title_changed" } });
    expect(event).toMatchObject({ actorId: world.member.id, reason: "Scope narrowed after the customer interviews", before: { title: "Original title" }, after: { title: "Renamed title" } });
  });

  it("gives the second of two editors a conflict instead of overwriting", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "Contested" });
    const first = await patch(tokens.admin!, objective.id, { version: 1, whyItMatters: "First editor's reason" });
    expect(first.status).toBe(200);
    const second = await patch(tokens.owner!, objective.id, { version: 1, whyItMatters: "Second editor's reason" });
    expect(second.status).toBe(409);
    expect((second.json as { detail: string }).detail).toMatch(/Someone else changed this objective/);
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).whyItMatters).toBe("First editor's reason");
  });

  it("lets the owner, a lead of its team and admins edit; refuses others", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Lead's objective" });
    expect((await patch(tokens.member!, objective.id, { version: 1, kind: "aspirational" })).status).toBe(403);
    expect((await patch(tokens.viewer!, objective.id, { version: 1, kind: "aspirational" })).status).toBe(403);
    expect((await patch(tokens.lead!, objective.id, { version: 1, kind: "aspirational" })).status).toBe(200);
    expect((await patch(tokens.admin!, objective.id, { version: 2, kind: "committed" })).status).toBe(200);
  });

  it("abandons with a reason, after which the objective is read-only", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "To abandon" });
    const noReason = await callApi(abandon, { method: "POST", path: "/x", token: tokens.admin, params: { id: objective.id }, body: { version: 1 } });
    expect(noReason.status).toBe(422);
    const ok = await callApi(abandon, { method: "POST", path: "/x", token: tokens.admin, params: { id: objective.id }, body: { version: 1, reason: "Market moved" } });
    expect(ok.json).toMatchObject({ state: "abandoned", abandonReason: "Market moved" });
    expect((await patch(tokens.admin!, objective.id, { version: 2, title: "Zombie" })).status).toBe(409);
  });

  it("reorders among siblings", async () => {
    const cycle = await createCycle(db, world.org.id);
    const first = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "First", position: 0 });
    const second = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Second", position: 1 });
    const res = await callApi(move, { method: "POST", path: "/x", token: tokens.admin, params: { id: second.id }, body: { direction: "up" } });
    expect(res.json).toMatchObject({ position: 0, version: 1 });
    expect(await db.objective.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ position: 1, version: 1 });
    // Both changed place, so both histories say so; neither version moved, so an edit opened before still saves.
    const events = await db.auditEvent.findMany({ where: { organizationId: world.org.id, action: "objective.moved", entityId: { in: [first.id, second.id] } }, select: { entityId: true, after: true } });
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.entityId === first.id)?.after).toMatchObject({ position: 1, swappedWith: second.id });
    expect((await patch(tokens.admin!, first.id, { version: 1, whyItMatters: "Edited while someone reordered" })).status).toBe(200);
  });
});

describe("reading objectives", () => {
  it("filters, searches and pages", async () => {
    const cycle = await createCycle(db, world.org.id);
    for (const title of ["Alpha walrus", "Beta walrus", "Gamma otter"]) {
      await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId: world.team.id, title });
    }
    const page1 = await callApi(listObjectives, { path: `/api/v1/objectives?cycleId=${cycle.id}&limit=2`, token: tokens.viewer });
    const body1 = page1.json as { data: { title: string }[]; nextCursor: string | null };
    expect(body1.data).toHaveLength(2);
    const page2 = await callApi(listObjectives, { path: `/api/v1/objectives?cycleId=${cycle.id}&limit=2&cursor=${body1.nextCursor}`, token: tokens.viewer });
    expect((page2.json as { data: unknown[]; nextCursor: null }).data).toHaveLength(1);
    const search = await callApi(listObjectives, { path: `/api/v1/objectives?cycleId=${cycle.id}&q=WALRUS&expand=keyResults`, token: tokens.viewer });
    expect((search.json as { data: { title: string; keyResults: unknown[] }[] }).data.map((o) => o.title).sort()).toEqual(["Alpha walrus", "Beta walrus"]);
    const bad = await callApi(listObjectives, { path: "/api/v1/objectives?level=galaxy", token: tokens.viewer });
    expect(bad.status).toBe(400);
  });

  it("answers 404 for another organisation's objective and changes nothing", async () => {
    const other = await createOrganization(db);
    const owner = await createMember(db, other.id, "owner");
    const cycle = await createCycle(db, other.id);
    const theirs = await createObjective(db, other.id, { cycleId: cycle.id, ownerId: owner.id, title: "Their secret" });
    expect((await callApi(getObjective, { path: "/x", token: tokens.owner, params: { id: theirs.id } })).status).toBe(404);
    expect((await patch(tokens.owner!, theirs.id, { version: 1, title: "Hijacked", reason: "x" })).status).toBe(404);
    expect((await callApi(abandon, { method: "POST", path: "/x", token: tokens.owner, params: { id: theirs.id }, body: { version: 1, reason: "Out of scope now" } })).status).toBe(404);
    expect((await db.objective.findUniqueOrThrow({ where: { id: theirs.id } })).title).toBe("Their secret");
    const listed = await callApi(listObjectives, { path: `/api/v1/objectives?cycleId=${cycle.id}`, token: tokens.owner });
    expect((listed.json as { data: unknown[] }).data).toEqual([]);
  });
});
