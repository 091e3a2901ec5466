import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postCarryForward } from "@/app/api/v1/cycles/[id]/carry-forward/route";
import { carryForwardAction } from "@/app/(app)/cycles/[id]/summary/actions";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
const tokens: Record<string, string> = {};
let outsider: { id: string; token: string; cycleId: string; objectiveId: string };

beforeAll(async () => {
  world = await createWorld();
  for (const role of ["admin", "lead", "member", "viewer"] as const) tokens[role] = (await createApiToken(db, world.org.id, world[role].id)).secret;
  const other = await createOrganization(db);
  const otherOwner = await createMember(db, other.id, "owner");
  const otherCycle = await createCycle(db, other.id, { state: "planning" });
  const theirs = await createObjective(db, other.id, { cycleId: (await createCycle(db, other.id, { state: "closed" })).id, ownerId: otherOwner.id });
  outsider = { id: otherOwner.id, token: (await createApiToken(db, other.id, otherOwner.id)).secret, cycleId: otherCycle.id, objectiveId: theirs.id };
});
beforeEach(() => signInAs(null));

const carry = (token: string | undefined, fromCycleId: string, body: unknown) => callApi(postCarryForward, { method: "POST", path: "/x", token, params: { id: fromCycleId }, body });
const errorsOf = (json: unknown) => (json as { errors?: { field: string; message: string }[] }).errors ?? [];
type Carried = { fromObjectiveId: string; objectiveId: string; alignment: string; lostAlignmentReason: string | null; isOwnerChanged: boolean };
const carriedOf = (json: unknown) => (json as { carried: Carried[] }).carried;
const copiesIn = (cycleId: string) => db.objective.count({ where: { organizationId: world.org.id, cycleId } });

/**
 * A closed quarter: a company objective with a key result, a team objective aligned to the company objective, one
 * aligned to its key result, and one aligned to an objective that will stay behind. A planning quarter to carry into.
 */
async function quarters() {
  const from = await createCycle(db, world.org.id, { state: "closed", name: `Q1 ${Math.random().toString(36).slice(2, 6)}` });
  const to = await createCycle(db, world.org.id, { state: "planning", name: `Q2 ${Math.random().toString(36).slice(2, 6)}` });
  const company = await createObjective(db, world.org.id, { cycleId: from.id, ownerId: world.admin.id, level: "company", title: "Grow revenue", kind: "aspirational" });
  const revenue = await createKeyResult(db, world.org.id, { objectiveId: company.id, title: "Reach €10M ARR", start: 6_000_000, target: 10_000_000, unit: "€", position: 0 });
  await createCheckIn(db, world.org.id, { keyResultId: revenue.id, authorId: world.admin.id, week: new Date(Date.UTC(2026, 2, 2)), value: 8_500_000 });
  await db.keyResult.update({ where: { id: revenue.id }, data: { score: "0.60" } });
  const team = await createObjective(db, world.org.id, { cycleId: from.id, ownerId: world.member.id, teamId: world.team.id, title: "Win mid-market", parentObjectiveId: company.id });
  const deals = await createKeyResult(db, world.org.id, { objectiveId: team.id, title: "Close 20 deals", start: 0, target: 20, current: 12, weight: 2 });
  const viaKr = await createObjective(db, world.org.id, { cycleId: from.id, ownerId: world.member.id, teamId: world.team.id, title: "Faster go-live", parentKeyResultId: revenue.id });
  const left = await createObjective(db, world.org.id, { cycleId: from.id, ownerId: world.admin.id, level: "company", title: "Stays behind" });
  const orphan = await createObjective(db, world.org.id, { cycleId: from.id, ownerId: world.member.id, teamId: world.team.id, title: "Follows the one left behind", parentObjectiveId: left.id });
  return { from, to, company, revenue, team, deals, viaKr, orphan };
}

describe("POST /api/v1/cycles/:id/carry-forward", () => {
  it("copies objectives with their key results from where they got to, and keeps alignment through objectives and key results", async () => {
    const q = await quarters();
    const res = await carry(tokens.admin, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.viaKr.id, q.team.id, q.company.id, q.orphan.id] });
    expect(res.status).toBe(201);
    const carried = carriedOf(res.json);
    const copyOf = (id: string) => carried.find((c) => c.fromObjectiveId === id)!;
    expect(carried.map((c) => [c.fromObjectiveId, c.alignment])).toEqual([
      [q.viaKr.id, "kept"],
      [q.team.id, "kept"],
      [q.company.id, "none"],
      [q.orphan.id, "lost"],
    ]);
    expect(copyOf(q.orphan.id).lostAlignmentReason).toBe(`“Stays behind” was not carried into ${q.to.name}`);

    const copies = await db.objective.findMany({ where: { cycleId: q.to.id }, include: { keyResults: true } });
    const company = copies.find((c) => c.carriedFromId === q.company.id)!;
    const team = copies.find((c) => c.carriedFromId === q.team.id)!;
    const viaKr = copies.find((c) => c.carriedFromId === q.viaKr.id)!;
    const orphan = copies.find((c) => c.carriedFromId === q.orphan.id)!;
    expect(company).toMatchObject({ title: "Grow revenue", level: "company", kind: "aspirational", ownerId: world.admin.id, state: "active", organizationId: world.org.id });
    expect(team).toMatchObject({ parentObjectiveId: company.id, parentKeyResultId: null, teamId: world.team.id, ownerId: world.member.id });
    const revenueCopy = company.keyResults[0]!;
    expect(viaKr).toMatchObject({ parentObjectiveId: null, parentKeyResultId: revenueCopy.id });
    expect(orphan).toMatchObject({ parentObjectiveId: null, parentKeyResultId: null });

    expect(revenueCopy).toMatchObject({ title: "Reach €10M ARR", unit: "€", score: null, confidence: null, lastCheckInAt: null, cycleId: q.to.id, ownerId: world.admin.id });
    expect([revenueCopy.startValue, revenueCopy.currentValue, revenueCopy.targetValue, revenueCopy.progress].map(String)).toEqual(["8500000", "8500000", "10000000", "0"]);
    const dealsCopy = team.keyResults[0]!;
    expect([dealsCopy.startValue, dealsCopy.targetValue, dealsCopy.weight].map(String)).toEqual(["12", "20", "2"]);

    const events = await db.auditEvent.findMany({ where: { organizationId: world.org.id, action: "objective.carried_forward", entityId: { in: copies.map((c) => c.id) } } });
    expect(events).toHaveLength(4);
    expect(events.find((e) => e.entityId === orphan.id)).toMatchObject({ actorId: world.admin.id, reason: `“Stays behind” was not carried into ${q.to.name}`, after: { fromObjectiveId: q.orphan.id } });
  });

  it("finds parents carried earlier by where they came from, and refuses carrying the same objective twice", async () => {
    const q = await quarters();
    expect((await carry(tokens.admin, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.company.id] })).status).toBe(201);
    const later = await carry(tokens.member, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.team.id, q.viaKr.id] });
    expect(later.status).toBe(201);
    expect(carriedOf(later.json).map((c) => c.alignment)).toEqual(["kept", "kept"]);
    const companyCopy = await db.objective.findFirstOrThrow({ where: { cycleId: q.to.id, carriedFromId: q.company.id }, include: { keyResults: true } });
    const viaKrCopy = await db.objective.findFirstOrThrow({ where: { cycleId: q.to.id, carriedFromId: q.viaKr.id } });
    expect(viaKrCopy.parentKeyResultId).toBe(companyCopy.keyResults[0]!.id);

    const before = await copiesIn(q.to.id);
    const again = await carry(tokens.admin, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.orphan.id, q.team.id] });
    expect(again.status).toBe(409);
    expect((again.json as { detail: string }).detail).toMatch(/Already carried into .*“Win mid-market”/);
    expect(await copiesIn(q.to.id)).toBe(before);
  });

  it("reports lost alignment when the parent's copy was abandoned", async () => {
    const q = await quarters();
    await carry(tokens.admin, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.company.id] });
    await db.objective.updateMany({ where: { cycleId: q.to.id, carriedFromId: q.company.id }, data: { state: "abandoned" } });
    const res = await carry(tokens.admin, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.team.id] });
    expect(carriedOf(res.json)[0]).toMatchObject({ alignment: "lost", lostAlignmentReason: `The copy of “Grow revenue” in ${q.to.name} was abandoned` });
  });

  it("keeps a reached target valid and hands objectives of people who left to whoever carries them", async () => {
    const from = await createCycle(db, world.org.id, { state: "closed" });
    const to = await createCycle(db, world.org.id, { state: "active" });
    const leaver = await createMember(db, world.org.id, "member");
    const objective = await createObjective(db, world.org.id, { cycleId: from.id, ownerId: leaver.id, teamId: world.team.id, title: "Leaver's goal" });
    await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Overshot", start: 100, target: 200, current: 250 });
    await db.membership.deleteMany({ where: { organizationId: world.org.id, userId: leaver.id } });
    const res = await carry(tokens.lead, from.id, { toCycleId: to.id, objectiveIds: [objective.id] });
    expect(res.status).toBe(201);
    expect(carriedOf(res.json)[0]).toMatchObject({ isOwnerChanged: true });
    const copy = await db.objective.findFirstOrThrow({ where: { cycleId: to.id, carriedFromId: objective.id }, include: { keyResults: true } });
    expect(copy.ownerId).toBe(world.lead.id);
    expect(copy.keyResults[0]).toMatchObject({ ownerId: world.lead.id });
    expect([copy.keyResults[0]!.startValue, copy.keyResults[0]!.currentValue, copy.keyResults[0]!.progress].map(String)).toEqual(["100", "250", "100"]);
  });

  it("starts an initiatives-done key result from none: its initiatives stay with the cycle they were done in", async () => {
    const from = await createCycle(db, world.org.id, { state: "closed" });
    const to = await createCycle(db, world.org.id, { state: "planning" });
    const objective = await createObjective(db, world.org.id, { cycleId: from.id, ownerId: world.member.id, teamId: world.team.id, title: "Ship the building blocks" });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, type: "initiatives", start: 0, target: 3, current: 2, title: "Blocks shipped" });
    await db.initiative.createMany({
      data: ["done", "done", "planned"].map((status, i) => ({ organizationId: world.org.id, keyResultId: kr.id, ownerId: world.member.id, title: `Block ${i}`, status: status as "done" | "planned", position: i })),
    });
    expect((await carry(tokens.member, from.id, { toCycleId: to.id, objectiveIds: [objective.id] })).status).toBe(201);
    const copy = await db.objective.findFirstOrThrow({ where: { cycleId: to.id, carriedFromId: objective.id }, include: { keyResults: { include: { initiatives: true } } } });
    const carried = copy.keyResults[0]!;
    expect([carried.type, carried.startValue, carried.targetValue, carried.currentValue, carried.progress].map(String)).toEqual(["initiatives", "0", "0", "0", "0"]);
    expect(carried.initiatives).toEqual([]);
  });

  it("needs the right to create each copy: a member carries their own, not someone else's; a viewer nothing", async () => {
    const q = await quarters();
    const before = await copiesIn(q.to.id);
    const notMine = await carry(tokens.member, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.team.id, q.company.id] });
    expect(notMine.status).toBe(403);
    const viewer = await carry(tokens.viewer, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.team.id] });
    expect(viewer.status).toBe(403);
    const otherTeam = await createTeam(db, world.org.id);
    const stranger = await createObjective(db, world.org.id, { cycleId: q.from.id, ownerId: world.admin.id, teamId: otherTeam.id });
    expect((await carry(tokens.lead, q.from.id, { toCycleId: q.to.id, objectiveIds: [stranger.id] })).status).toBe(403);
    expect(await copiesIn(q.to.id)).toBe(before);
  });

  it("refuses a closed target, the same cycle, and bad input with clear messages, writing nothing", async () => {
    const q = await quarters();
    const closed = await createCycle(db, world.org.id, { state: "closed" });
    const toClosed = await carry(tokens.admin, q.from.id, { toCycleId: closed.id, objectiveIds: [q.team.id] });
    expect(toClosed.status).toBe(409);
    expect((toClosed.json as { detail: string }).detail).toMatch(/is closed; carry objectives into a cycle in planning or active/);
    const same = await carry(tokens.admin, q.from.id, { toCycleId: q.from.id, objectiveIds: [q.team.id] });
    expect(errorsOf(same.json)[0]).toMatchObject({ field: "toCycleId" });
    expect(errorsOf((await carry(tokens.admin, q.from.id, { toCycleId: q.to.id, objectiveIds: [] })).json)[0]).toMatchObject({ field: "objectiveIds" });
    const twice = await carry(tokens.admin, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.team.id, q.team.id] });
    expect(errorsOf(twice.json)[0]).toMatchObject({ field: "objectiveIds.1", message: "This objective is in the list twice" });
    expect((await carry(tokens.admin, q.from.id, { toCycleId: "next quarter", objectiveIds: [q.team.id] })).status).toBe(422);
    expect(await db.objective.count({ where: { carriedFromId: q.team.id } })).toBe(0);
  });

  it("treats another organisation's cycles and objectives as not found, both ways, and writes nothing", async () => {
    const q = await quarters();
    const theirObjective = await carry(tokens.admin, q.from.id, { toCycleId: q.to.id, objectiveIds: [outsider.objectiveId] });
    expect(theirObjective.status).toBe(404);
    expect(errorsOf(theirObjective.json)[0]?.field).toBe("objectiveIds.0");
    const theirCycle = await carry(tokens.admin, q.from.id, { toCycleId: outsider.cycleId, objectiveIds: [q.team.id] });
    expect(theirCycle.status).toBe(404);
    expect(errorsOf(theirCycle.json)[0]?.field).toBe("toCycleId");
    const intruder = await carry(outsider.token, q.from.id, { toCycleId: outsider.cycleId, objectiveIds: [q.team.id] });
    expect(intruder.status).toBe(404);
    expect(await db.objective.count({ where: { carriedFromId: { in: [q.team.id, outsider.objectiveId] } } })).toBe(0);
    expect(await db.objective.count({ where: { cycleId: outsider.cycleId } })).toBe(0);
    expect((await carry(undefined, q.from.id, { toCycleId: q.to.id, objectiveIds: [q.team.id] })).status).toBe(401);
  });
});

describe("the carry-forward action", () => {
  function form(fromCycleId: string, toCycleId: string, objectiveIds: string[]) {
    const data = new FormData();
    data.set("fromCycleId", fromCycleId);
    data.set("toCycleId", toCycleId);
    for (const id of objectiveIds) data.append("objectiveIds[]", id);
    return data;
  }

  it("carries the ticked objectives and says which lost their alignment", async () => {
    const q = await quarters();
    signInAs(world.member.id);
    const state = await carryForwardAction({ status: "idle" }, form(q.from.id, q.to.id, [q.team.id, q.orphan.id]));
    expect(state).toMatchObject({ status: "success", message: `2 objectives carried into ${q.to.name}; 2 lost their alignment` });
    expect(await db.objective.count({ where: { cycleId: q.to.id, carriedFromId: { in: [q.team.id, q.orphan.id] } } })).toBe(2);
  });

  it("asks for at least one objective, and answers not found to another organisation", async () => {
    const q = await quarters();
    signInAs(world.admin.id);
    const none = await carryForwardAction({ status: "idle" }, form(q.from.id, q.to.id, []));
    expect(none).toMatchObject({ status: "error", code: "validation", fieldErrors: { objectiveIds: ["Choose at least one objective to carry forward"] } });
    signInAs(outsider.id);
    const intruder = await carryForwardAction({ status: "idle" }, form(q.from.id, outsider.cycleId, [q.team.id]));
    expect(intruder).toMatchObject({ status: "error", code: "not_found" });
    expect(await db.objective.count({ where: { carriedFromId: q.team.id } })).toBe(0);
  });
});
