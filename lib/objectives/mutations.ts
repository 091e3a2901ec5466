import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import { assertActiveTeam, assertMemberOf, assertNoAlignmentCycle, resolveParent } from "./guards";
import type { AbandonObjectiveInput, AlignObjectiveInput, CreateObjectiveInput, UpdateObjectiveInput } from "./schemas";

/** The fields of an objective that the API returns and the history records. */
export const OBJECTIVE_SNAPSHOT = {
  id: true,
  cycleId: true,
  level: true,
  teamId: true,
  ownerId: true,
  title: true,
  whyItMatters: true,
  kind: true,
  state: true,
  parentObjectiveId: true,
  parentKeyResultId: true,
  position: true,
  progress: true,
  abandonReason: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const STALE_MESSAGE = "Someone else changed this objective since you opened it. Reload to see their changes, then try again.";

/**
 * The objective, locked for the rest of the transaction, with its cycle's state. Another organisation's id is
 * simply not found. A stale version is a conflict: the second of two editors is told instead of overwriting.
 */
export async function lockObjective(tx: Tx, orgId: string, objectiveId: string, expectedVersion?: number) {
  // The cycle's row is share-locked too: closing a cycle locks it for update, so a change either commits before the
  // close or waits for it and then finds the cycle closed, never lands in a cycle that has just closed.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM objectives o JOIN cycles c ON c.id = o.cycle_id
    WHERE o.id = ${objectiveId}::uuid AND o.organization_id = ${orgId}::uuid
    FOR UPDATE OF o FOR KEY SHARE OF c`;
  if (!locked.length) throw notFound("That objective");
  const objective = await tx.objective.findUniqueOrThrow({
    where: { id: objectiveId },
    select: { ...OBJECTIVE_SNAPSHOT, cycle: { select: { state: true, name: true } } },
  });
  if (expectedVersion !== undefined && objective.version !== expectedVersion) throw conflict(STALE_MESSAGE);
  return objective;
}

export function objectiveResource(o: { ownerId: string; teamId: string | null }) {
  return { ownerIds: [o.ownerId], teamId: o.teamId };
}

function assertMayCreate(actor: Actor, input: { level: string; ownerId: string; teamId: string | null }) {
  if (input.level === "company") assertCan(actor, "objective.create_company");
  else assertCan(actor, "objective.create", { ownerIds: [input.ownerId], teamId: input.teamId });
}

export async function createObjective(actor: Actor, input: CreateObjectiveInput) {
  const ownerId = input.ownerId ?? actor.userId;
  const teamId = input.level === "company" ? null : input.teamId;
  assertMayCreate(actor, { level: input.level, ownerId, teamId });
  return db.$transaction(async (tx) => {
    const cycle = await tx.cycle.findFirst({ where: { id: input.cycleId, organizationId: actor.orgId }, select: { id: true, state: true, name: true } });
    if (!cycle) throw new AppError("not_found", "That cycle was not found in this organisation", { cycleId: ["That cycle was not found in this organisation"] });
    assertCycleOpen(cycle);
    if (teamId) await assertActiveTeam(tx, actor.orgId, teamId);
    await assertMemberOf(tx, actor.orgId, ownerId);
    await resolveParent(tx, actor.orgId, cycle.id, input);
    const last = await tx.objective.aggregate({ where: { organizationId: actor.orgId, cycleId: cycle.id }, _max: { position: true } });
    const objective = await tx.objective.create({
      data: {
        organizationId: actor.orgId,
        cycleId: cycle.id,
        level: input.level,
        teamId,
        ownerId,
        title: input.title,
        whyItMatters: input.whyItMatters,
        kind: input.kind,
        state: input.state,
        parentObjectiveId: input.parentObjectiveId,
        parentKeyResultId: input.parentKeyResultId,
        position: (last._max.position ?? -1) + 1,
      },
      select: OBJECTIVE_SNAPSHOT,
    });
    await recordAudit(tx, actor, { entityType: "objective", entityId: objective.id, action: "objective.created", after: objective });
    return objective;
  });
}

type Snapshot = Awaited<ReturnType<typeof lockObjective>>;

function changedFields(before: Snapshot, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = (before as Record<string, unknown>)[key];
    if (old !== value) {
      b[key] = old;
      a[key] = value;
    }
  }
  return { before: b, after: a };
}

/**
 * Edits an objective. Changing its title once the cycle is active needs a reason, kept in the history with the
 * old and new title. Moving it to another owner or team needs the right to act on the destination too.
 */
export async function updateObjective(actor: Actor, objectiveId: string, input: UpdateObjectiveInput) {
  return db.$transaction(async (tx) => {
    const current = await lockObjective(tx, actor.orgId, objectiveId, input.version);
    assertCan(actor, "objective.update", objectiveResource(current));
    assertCycleOpen(current.cycle);
    if (current.state === "abandoned") throw conflict("This objective was abandoned; it can no longer be edited");

    const level = input.level ?? current.level;
    const teamId = level === "company" ? null : input.teamId !== undefined ? input.teamId : current.teamId;
    if (level === "team" && !teamId) throw invalid("teamId", "Choose the team this objective belongs to");
    const ownerId = input.ownerId ?? current.ownerId;

    const next = { title: input.title, whyItMatters: input.whyItMatters, kind: input.kind, state: input.state, ownerId, level, teamId };
    const diff = changedFields(current, next);
    if (!Object.keys(diff.after).length) return current;

    if (diff.after.title !== undefined && current.cycle.state === "active" && !input.reason) {
      throw invalid("reason", "The cycle is active: say why the title changes, so the history explains it");
    }
    if (diff.after.ownerId !== undefined) await assertMemberOf(tx, actor.orgId, ownerId);
    if (diff.after.teamId !== undefined && teamId) await assertActiveTeam(tx, actor.orgId, teamId);
    if (diff.after.level === "company" && current.level !== "company") assertCan(actor, "objective.create_company");
    if (diff.after.ownerId !== undefined || diff.after.teamId !== undefined) {
      assertCan(actor, "objective.update", { ownerIds: [ownerId], teamId });
    }

    const updated = await tx.objective.update({
      where: { id: objectiveId },
      data: { ...diff.after, version: { increment: 1 } },
      select: OBJECTIVE_SNAPSHOT,
    });
    await recordAudit(tx, actor, {
      entityType: "objective",
      entityId: objectiveId,
      action: diff.after.title !== undefined ? "objective.title_changed" : "objective.updated",
      before: diff.before,
      after: diff.after,
      reason: input.reason,
    });
    return updated;
  });
}

/** Points the objective at what it contributes to: an objective or a key result of any team, same cycle, no loops. */
export async function alignObjective(actor: Actor, objectiveId: string, input: AlignObjectiveInput) {
  return db.$transaction(async (tx) => {
    const current = await lockObjective(tx, actor.orgId, objectiveId, input.version);
    assertCan(actor, "objective.update", objectiveResource(current));
    assertCycleOpen(current.cycle);
    const parent = await resolveParent(tx, actor.orgId, current.cycleId, input);
    if (parent) await assertNoAlignmentCycle(tx, actor.orgId, objectiveId, parent, input.parentKeyResultId ? "parentKeyResultId" : "parentObjectiveId");
    if (current.parentObjectiveId === input.parentObjectiveId && current.parentKeyResultId === input.parentKeyResultId) return current;
    const updated = await tx.objective.update({
      where: { id: objectiveId },
      data: { parentObjectiveId: input.parentObjectiveId, parentKeyResultId: input.parentKeyResultId, version: { increment: 1 } },
      select: OBJECTIVE_SNAPSHOT,
    });
    await recordAudit(tx, actor, {
      entityType: "objective",
      entityId: objectiveId,
      action: "objective.aligned",
      before: { parentObjectiveId: current.parentObjectiveId, parentKeyResultId: current.parentKeyResultId },
      after: { parentObjectiveId: updated.parentObjectiveId, parentKeyResultId: updated.parentKeyResultId },
    });
    return updated;
  });
}

/** Stops pursuing an objective, visibly: the reason stays on it and in the history. */
export async function abandonObjective(actor: Actor, objectiveId: string, input: AbandonObjectiveInput) {
  return db.$transaction(async (tx) => {
    const current = await lockObjective(tx, actor.orgId, objectiveId, input.version);
    assertCan(actor, "objective.update", objectiveResource(current));
    assertCycleOpen(current.cycle);
    if (current.state === "abandoned") throw conflict("This objective is already abandoned");
    const updated = await tx.objective.update({
      where: { id: objectiveId },
      data: { state: "abandoned", abandonReason: input.reason, version: { increment: 1 } },
      select: OBJECTIVE_SNAPSHOT,
    });
    await recordAudit(tx, actor, {
      entityType: "objective",
      entityId: objectiveId,
      action: "objective.abandoned",
      before: { state: current.state },
      after: { state: "abandoned" },
      reason: input.reason,
    });
    return updated;
  });
}

/**
 * Moves an objective one place up or down among its siblings (the same cycle and the same team, or the company
 * level), by swapping positions with its neighbour.
 */
export async function moveObjective(actor: Actor, objectiveId: string, direction: "up" | "down") {
  return db.$transaction(async (tx) => {
    const current = await lockObjective(tx, actor.orgId, objectiveId);
    assertCan(actor, "objective.update", objectiveResource(current));
    assertCycleOpen(current.cycle);
    const neighbour = await tx.objective.findFirst({
      where: {
        organizationId: actor.orgId,
        cycleId: current.cycleId,
        level: current.level,
        teamId: current.teamId,
        position: direction === "up" ? { lt: current.position } : { gt: current.position },
      },
      orderBy: { position: direction === "up" ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) return current;
    await tx.objective.update({ where: { id: neighbour.id }, data: { position: current.position } });
    const updated = await tx.objective.update({ where: { id: objectiveId }, data: { position: neighbour.position, version: { increment: 1 } }, select: OBJECTIVE_SNAPSHOT });
    await recordAudit(tx, actor, { entityType: "objective", entityId: objectiveId, action: "objective.moved", before: { position: current.position }, after: { position: neighbour.position } });
    return updated;
  });
}
