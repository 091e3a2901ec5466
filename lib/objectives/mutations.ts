import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import { insertKeyResult } from "@/lib/key-results/insert";
import { syncObjectiveProgress } from "@/lib/key-results/progress-sync";
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

/**
 * Serialises alignment changes within one organisation. The loop check reads the proposed parent's ancestors
 * without locking them, so two changes at once (X under Y, Y under X) could each pass it and together make a loop;
 * alignment links may cross teams, so the whole organisation is the unit. Taken before any objective row is locked:
 * a change holding the lock sets a parent reference, which key-share locks the parent row, and waiting for the lock
 * while holding that row for update would deadlock.
 */
async function lockAlignment(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`keel:objective-alignment:${orgId}`}, 0))`;
}

/**
 * Serialises changes to one cycle's planned order (creating at the end, moving). Without it two creates read the
 * same last position, and two moves that share a neighbour each swap with the position they read before the other
 * committed; both leave two objectives on one position, which the Move buttons can no longer tell apart. Taken
 * before any objective row is locked, for the same reason as the alignment lock.
 */
async function lockPlannedOrder(tx: Tx, orgId: string, cycleId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`keel:objective-order:${orgId}:${cycleId}`}, 0))`;
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
    // No alignment lock: a new objective has nothing beneath it yet, so aligning it cannot close a loop.
    await lockPlannedOrder(tx, actor.orgId, cycle.id);
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
    if (!input.keyResults.length) return { ...objective, keyResults: [] };
    assertCan(actor, "keyresult.create", objectiveResource(objective));
    const keyResults = [];
    for (const [index, draft] of input.keyResults.entries()) keyResults.push(await insertKeyResult(tx, actor, objective, draft, `keyResults.${index}.ownerId`));
    const progress = await syncObjectiveProgress(tx, actor.orgId, objective.id);
    return { ...objective, progress, keyResults };
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
    await lockAlignment(tx, actor.orgId);
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
 * level), in the order the lists show them.
 *
 * Reordering is not an edit: neither objective's version changes. The version guards the content someone edits in
 * a form (title, why, owner, alignment...), and the position is no part of it; bumping it would tell a person
 * editing either objective that "someone else changed this objective" when nothing they can see has changed, and
 * would fail the API client that then saves. Two moves at once are kept apart by the planned-order lock instead.
 * Both objectives changed place, so each gets a history entry.
 */
export async function moveObjective(actor: Actor, objectiveId: string, direction: "up" | "down") {
  return db.$transaction(async (tx) => {
    // An objective never changes cycle, so its cycle can be read before the lock that guards the cycle's order.
    const located = await tx.objective.findFirst({ where: { id: objectiveId, organizationId: actor.orgId }, select: { cycleId: true } });
    if (!located) throw notFound("That objective");
    await lockPlannedOrder(tx, actor.orgId, located.cycleId);
    const current = await lockObjective(tx, actor.orgId, objectiveId);
    assertCan(actor, "objective.update", objectiveResource(current));
    assertCycleOpen(current.cycle);
    const siblings = await tx.objective.findMany({
      where: { organizationId: actor.orgId, cycleId: current.cycleId, level: current.level, teamId: current.teamId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true, position: true },
    });
    const from = siblings.findIndex((s) => s.id === objectiveId);
    const to = direction === "up" ? from - 1 : from + 1;
    const neighbour = siblings[to];
    if (from < 0 || !neighbour) return current;

    // The siblings keep the positions they hold, handed out in the new order. Positions shared by siblings (seeded or
    // imported rows, creates from before the order lock) are spread apart first, or swapping them would change nothing.
    const positions: number[] = [];
    for (const s of siblings) positions.push(Math.max(s.position, (positions.at(-1) ?? -Infinity) + 1));
    const reordered = [...siblings];
    [reordered[from], reordered[to]] = [neighbour, siblings[from]!];
    const moves = reordered
      .map((s, i) => ({ id: s.id, before: s.position, after: positions[i]! }))
      .filter((m) => m.before !== m.after);
    for (const m of moves) await tx.objective.update({ where: { id: m.id, organizationId: actor.orgId }, data: { position: m.after } });

    for (const id of [objectiveId, neighbour.id]) {
      const m = moves.find((x) => x.id === id);
      if (!m) continue;
      const swappedWith = id === objectiveId ? neighbour.id : objectiveId;
      await recordAudit(tx, actor, { entityType: "objective", entityId: id, action: "objective.moved", before: { position: m.before }, after: { position: m.after, swappedWith } });
    }
    return tx.objective.findUniqueOrThrow({ where: { id: objectiveId }, select: OBJECTIVE_SNAPSHOT });
  });
}
