import { beforeAll, describe, expect, it } from "vitest";
import { GET as listKeyResults, POST as postKeyResult } from "@/app/api/v1/key-results/route";
import { GET as getKeyResult, PATCH as patchKeyResult } from "@/app/api/v1/key-results/[id]/route";
import { POST as moveKeyResult } from "@/app/api/v1/key-results/[id]/move/route";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

let world: World;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  world = await createWorld();
  for (const role of ["admin", "lead", "member", "viewer"] as const) tokens[role] = (await createApiToken(db, world.org.id, world[role].id)).secret;
});

const post = (token: string, body: unknown) => callApi(postKeyResult, { method: "POST", path: "/api/v1/key-results", token, body });
const patch = (token: string, id: string, body: unknown) => callApi(patchKeyResult, { method: "PATCH", path: "/x", token, params: { id }, body });
const errorsOf = (json: unknown) => (json as { errors?: { field: string; message: string }[] }).errors ?? [];

async function teamObjective(ownerId = world.member.id, cycleId = world.cycle.id) {
  return createObjective(db, world.org.id, { cycleId, ownerId, teamId: world.team.id, title: "Ship guided setup" });
}

describe("creating key results", () => {
  it("creates each type with its measure, and keeps the objective's progress in step", async () => {
    const objective = await teamObjective();
    const number = await post(tokens.member!, { objectiveId: objective.id, title: "Cut p95 latency", direction: "decrease", startValue: "480", targetValue: "250", unit: "ms" });
    expect(number.status).toBe(201);
    expect(number.json).toMatchObject({ type: "number", startValue: "480", targetValue: "250", currentValue: "480", progress: "0", version: 1 });
    const milestone = await post(tokens.member!, { objectiveId: objective.id, title: "Launch marketplace", type: "milestone", milestones: ["Design review", "Beta", "Launch"] });
    expect(milestone.json).toMatchObject({ targetValue: "3", startValue: "0", milestones: ["Design review", "Beta", "Launch"] });
    const yesNo = await post(tokens.member!, { objectiveId: objective.id, title: "Pass the audit", type: "yes_no", weight: "2" });
    expect(yesNo.json).toMatchObject({ targetValue: "1", weight: "2" });
    const threshold = await post(tokens.member!, { objectiveId: objective.id, title: "Keep uptime above 99.95%", type: "percent", direction: "keep_above", startValue: "99.9", targetValue: "99.95", unit: "%" });
    expect(threshold.json).toMatchObject({ progress: "0" });
    expect(number.json).toMatchObject({ overAchievement: null, thresholdMet: null, margin: null });
    expect(yesNo.json).toMatchObject({ overAchievement: null, thresholdMet: null, margin: null });
    expect(threshold.json).toMatchObject({ overAchievement: null, thresholdMet: false, margin: "-0.05" });
    expect(await db.keyResult.count({ where: { objectiveId: objective.id } })).toBe(4);
  });

  it("refuses a target equal to the start, a weight below zero, and values that are not numbers", async () => {
    const objective = await teamObjective();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ startValue: "10", targetValue: "10" }, "targetValue", /differ from the start/],
      [{ startValue: "10", targetValue: "5" }, "targetValue", /above the start/],
      [{ targetValue: "100", weight: "-1" }, "weight", /below zero/],
      [{ targetValue: "ten" }, "targetValue", /number/],
      [{ targetValue: "1.12345" }, "targetValue", /4 decimals/],
      [{ type: "milestone" }, "milestones", /at least one milestone/],
      [{ targetValue: "100", type: "galaxy" }, "type", /number, percent/],
      [{ targetValue: "100", title: "" }, "title", /at least 3/],
    ];
    for (const [override, field, message] of cases) {
      const res = await post(tokens.member!, { objectiveId: objective.id, title: "Some measure", ...override });
      expect(res.status, JSON.stringify(override)).toBe(422);
      expect(errorsOf(res.json).find((e) => e.field === field)?.message, JSON.stringify(override)).toMatch(message);
    }
    expect(await db.keyResult.count({ where: { objectiveId: objective.id } })).toBe(0);
  });

  it("only lets those who may change the objective add key results", async () => {
    const objective = await teamObjective(world.lead.id);
    expect((await post(tokens.member!, { objectiveId: objective.id, title: "Not mine", targetValue: "5" })).status).toBe(403);
    expect((await post(tokens.viewer!, { objectiveId: objective.id, title: "Viewer", targetValue: "5" })).status).toBe(403);
    expect((await post(tokens.lead!, { objectiveId: objective.id, title: "Lead's measure", targetValue: "5", ownerId: world.member.id })).status).toBe(201);
    expect(await db.keyResult.count({ where: { objectiveId: objective.id } })).toBe(1);
  });

  it("treats another organisation's objective as not found", async () => {
    const other = await createOrganization(db);
    const owner = await createMember(db, other.id, "owner");
    const cycle = await createCycle(db, other.id);
    const theirs = await createObjective(db, other.id, { cycleId: cycle.id, ownerId: owner.id });
    const res = await post(tokens.admin!, { objectiveId: theirs.id, title: "Planted", targetValue: "5" });
    expect(res.status).toBe(404);
    expect(errorsOf(res.json)[0]?.field).toBe("objectiveId");
    expect(await db.keyResult.count({ where: { objectiveId: theirs.id } })).toBe(0);
  });
});

describe("changing key results", () => {
  it("asks why a target changes during the cycle, moves progress, and keeps old value, new value, who, when and why", async () => {
    const objective = await teamObjective();
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Book meetings", start: 0, target: 100 });
    await createCheckIn(db, world.org.id, { keyResultId: kr.id, authorId: world.member.id, week: new Date(Date.UTC(2026, 10, 16)), value: 50 });
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).progress.toString()).toBe("50");

    const noReason = await patch(tokens.member!, kr.id, { version: 1, targetValue: "200" });
    expect(noReason.status).toBe(422);
    expect(errorsOf(noReason.json)[0]?.field).toBe("reason");
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: kr.id } })).targetValue.toString()).toBe("100");

    const ok = await patch(tokens.member!, kr.id, { version: 1, targetValue: "200", reason: "Two more sales reps joined" });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ targetValue: "200", progress: "25", version: 2 });
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).progress.toString()).toBe("25");
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: kr.id, action: "keyresult.target_changed" } });
    expect(event).toMatchObject({ actorId: world.member.id, reason: "Two more sales reps joined", before: { targetValue: "100" }, after: { targetValue: "200" } });
    expect(event.createdAt).toBeInstanceOf(Date);
  });

  it("needs no reason for other edits, nor for the same target written differently", async () => {
    const objective = await teamObjective();
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Old name", start: 0, target: 250 });
    const res = await patch(tokens.member!, kr.id, { version: 1, title: "New name", targetValue: "250.00", weight: "2" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ title: "New name", targetValue: "250", weight: "2" });
    expect(await db.auditEvent.findFirst({ where: { entityId: kr.id, action: "keyresult.updated" } })).not.toBeNull();
  });

  it("lets a key result's owner change it even when the objective is someone else's", async () => {
    const objective = await teamObjective(world.lead.id);
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, title: "Member's measure", target: 10 });
    const other = await createMember(db, world.org.id, "member");
    const otherToken = (await createApiToken(db, world.org.id, other.id)).secret;
    expect((await patch(otherToken, kr.id, { version: 1, unit: "deals" })).status).toBe(403);
    expect((await patch(tokens.member!, kr.id, { version: 1, unit: "deals" })).status).toBe(200);
  });

  it("refuses stale versions and changes in a closed cycle", async () => {
    const objective = await teamObjective();
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Measure", target: 10 });
    expect((await patch(tokens.member!, kr.id, { version: 1, unit: "a" })).status).toBe(200);
    const stale = await patch(tokens.member!, kr.id, { version: 1, unit: "b" });
    expect(stale.status).toBe(409);
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: kr.id } })).unit).toBe("a");

    const closedCycle = await createCycle(db, world.org.id, { state: "closed" });
    const closedObjective = await teamObjective(world.member.id, closedCycle.id);
    const closedKr = await createKeyResult(db, world.org.id, { objectiveId: closedObjective.id, title: "Frozen", target: 10 });
    const frozen = await patch(tokens.member!, closedKr.id, { version: 1, title: "Thawed" });
    expect(frozen.status).toBe(409);
    expect((frozen.json as { detail: string }).detail).toMatch(/closed and read-only/);
  });

  it("reorders, lists by objective and answers 404 across organisations", async () => {
    const objective = await teamObjective();
    const first = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "First", target: 1, position: 0 });
    const second = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Second", target: 1, position: 1 });
    await callApi(moveKeyResult, { method: "POST", path: "/x", token: tokens.member, params: { id: second.id }, body: { direction: "up" } });
    const listed = await callApi(listKeyResults, { path: `/api/v1/key-results?objectiveId=${objective.id}`, token: tokens.viewer });
    const data = (listed.json as { data: { id: string; position: number }[] }).data;
    expect(data.find((k) => k.id === second.id)?.position).toBe(0);
    expect(data.find((k) => k.id === first.id)?.position).toBe(1);

    const other = await createOrganization(db);
    const owner = await createMember(db, other.id, "owner");
    const otherToken = (await createApiToken(db, other.id, owner.id)).secret;
    expect((await callApi(getKeyResult, { path: "/x", token: otherToken, params: { id: first.id } })).status).toBe(404);
    expect((await patch(otherToken, first.id, { version: 1, title: "Hijack" })).status).toBe(404);
    expect((await callApi(listKeyResults, { path: `/api/v1/key-results?objectiveId=${objective.id}`, token: otherToken })).json).toMatchObject({ data: [] });
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: first.id } })).title).toBe("First");
  });
});

describe("reading key results", () => {
  it("shows over-achievement and threshold margins beside progress, as decimal strings", async () => {
    const objective = await teamObjective();
    const beyond = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Sign carriers", start: 0, target: 40, current: 50 });
    const floor = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Keep NPS up", direction: "keep_above", start: 40, target: 40, current: "43.5" });
    const ceiling = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Keep p95 down", direction: "keep_below", start: 300, target: 300, current: "300.8", unit: "ms" });
    const read = async (id: string) => (await callApi(getKeyResult, { path: "/x", token: tokens.viewer, params: { id } })).json;
    expect(await read(beyond.id)).toMatchObject({ progress: "100", overAchievement: "25", thresholdMet: null, margin: null });
    expect(await read(floor.id)).toMatchObject({ progress: "100", overAchievement: null, thresholdMet: true, margin: "3.5" });
    expect(await read(ceiling.id)).toMatchObject({ progress: "0", overAchievement: null, thresholdMet: false, margin: "-0.8" });
    const listed = await callApi(listKeyResults, { path: `/api/v1/key-results?objectiveId=${objective.id}`, token: tokens.viewer });
    expect((listed.json as { data: { id: string; overAchievement: string | null }[] }).data.find((k) => k.id === beyond.id)?.overAchievement).toBe("25");
  });
});
