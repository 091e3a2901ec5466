import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/prisma";
import { conflict, invalid, notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import { cycleSpanProblem, type CreateCycleInput, type UpdateCycleInput } from "./schemas";

const SELECT = { id: true, name: true, state: true, startDate: true, endDate: true, closedAt: true } as const;

/** Loads a cycle of the actor's organisation for change, locking its row; another organisation's id is a 404. */
export async function lockCycle(tx: Tx, orgId: string, cycleId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM cycles WHERE id = ${cycleId}::uuid AND organization_id = ${orgId}::uuid FOR UPDATE`;
  if (!rows.length) throw notFound("That cycle");
  return tx.cycle.findUniqueOrThrow({ where: { id: cycleId }, select: SELECT });
}

/** Changes to goals in a closed cycle are refused: a closed cycle is the record of what happened. */
export function assertCycleOpen(cycle: { state: string; name: string }) {
  if (cycle.state === "closed") throw conflict(`${cycle.name} is closed and read-only`);
}

export async function createCycle(actor: Actor, input: CreateCycleInput) {
  assertCan(actor, "cycle.manage");
  return db.$transaction(async (tx) => {
    const cycle = await tx.cycle.create({
      data: { organizationId: actor.orgId, name: input.name, startDate: input.startDate, endDate: input.endDate, state: "planning" },
      select: SELECT,
    });
    await recordAudit(tx, actor, { entityType: "cycle", entityId: cycle.id, action: "cycle.created", after: cycle });
    return cycle;
  });
}

export async function updateCycle(actor: Actor, cycleId: string, input: UpdateCycleInput) {
  assertCan(actor, "cycle.manage");
  return db.$transaction(async (tx) => {
    const before = await lockCycle(tx, actor.orgId, cycleId);
    assertCycleOpen(before);
    const startDate = input.startDate ?? before.startDate;
    const endDate = input.endDate ?? before.endDate;
    const problem = cycleSpanProblem(startDate, endDate);
    if (problem) throw invalid("endDate", problem);
    const after = await tx.cycle.update({ where: { id: cycleId }, data: { name: input.name, startDate, endDate }, select: SELECT });
    await recordAudit(tx, actor, { entityType: "cycle", entityId: cycleId, action: "cycle.updated", before, after });
    return after;
  });
}

/** Planning -> active. The first active cycle also becomes the one everyone sees by default. */
export async function activateCycle(actor: Actor, cycleId: string) {
  assertCan(actor, "cycle.manage");
  return db.$transaction(async (tx) => {
    const before = await lockCycle(tx, actor.orgId, cycleId);
    if (before.state !== "planning") throw conflict(`${before.name} is ${before.state}; only a cycle in planning can be activated`);
    const after = await tx.cycle.update({ where: { id: cycleId }, data: { state: "active" }, select: SELECT });
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { defaultCycle: { select: { state: true } } } });
    if (!org.defaultCycle || org.defaultCycle.state !== "active") {
      await tx.organization.update({ where: { id: actor.orgId }, data: { defaultCycleId: cycleId } });
    }
    await recordAudit(tx, actor, { entityType: "cycle", entityId: cycleId, action: "cycle.activated", before: { state: before.state }, after: { state: after.state } });
    return after;
  });
}

/** Active -> closed: from then on the cycle's objectives, key results and check-ins are read-only. */
export async function closeCycle(actor: Actor, cycleId: string, options: { summary?: string } = {}, tx?: Tx) {
  assertCan(actor, "cycle.manage");
  const work = async (t: Tx) => {
    const before = await lockCycle(t, actor.orgId, cycleId);
    if (before.state !== "active") throw conflict(`${before.name} is ${before.state}; only an active cycle can be closed`);
    // Check-ins lock only their key result (a lock on the cycle's row would be shared by every check-in of the
    // organisation), so the close waits for the cycle's key results instead, in id order as check-ins lock them: a
    // check-in either commits before the close or waits for it and then finds the cycle closed.
    await t.$queryRaw`
      SELECT count(*)::int AS locked FROM (
        SELECT 1 FROM key_results WHERE organization_id = ${actor.orgId}::uuid AND cycle_id = ${cycleId}::uuid ORDER BY id FOR SHARE) k`;
    const after = await t.cycle.update({ where: { id: cycleId }, data: { state: "closed", closedAt: new Date(), summary: options.summary }, select: SELECT });
    await recordAudit(t, actor, { entityType: "cycle", entityId: cycleId, action: "cycle.closed", before: { state: before.state }, after: { state: after.state } });
    return after;
  };
  return tx ? work(tx) : db.$transaction(work);
}

export async function setDefaultCycle(actor: Actor, cycleId: string) {
  assertCan(actor, "cycle.manage");
  return db.$transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor.orgId, cycleId);
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { defaultCycleId: true } });
    if (org.defaultCycleId === cycleId) return cycle;
    await tx.organization.update({ where: { id: actor.orgId }, data: { defaultCycleId: cycleId } });
    await recordAudit(tx, actor, { entityType: "cycle", entityId: cycleId, action: "cycle.made_default", before: { defaultCycleId: org.defaultCycleId }, after: { defaultCycleId: cycleId } });
    return cycle;
  });
}

export async function getCycle(orgId: string, cycleId: string) {
  const cycle = await db.cycle.findFirst({ where: { id: cycleId, organizationId: orgId }, select: SELECT });
  if (!cycle) throw notFound("That cycle");
  return cycle;
}
