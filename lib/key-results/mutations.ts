import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { assertMemberOf } from "@/lib/objectives/guards";
import { lockObjective, objectiveResource } from "@/lib/objectives/mutations";
import { assertCan } from "@/lib/permissions";
import { dec, targetProblem } from "@/lib/progress";
import { insertKeyResult, KEY_RESULT_SNAPSHOT } from "./insert";
import { storedProgress, syncObjectiveProgress } from "./progress-sync";
import type { CreateKeyResultInput, UpdateKeyResultInput } from "./schemas";

export { KEY_RESULT_SNAPSHOT };

export const STALE_KEY_RESULT = "Someone else changed this key result since you opened it. Reload to see their changes, then try again.";

/** The key result and its objective, both locked, scoped to the organisation; a stale version is a conflict. */
export async function lockKeyResult(tx: Tx, orgId: string, keyResultId: string, expectedVersion?: number) {
  const locked = await tx.$queryRaw<{ objective_id: string }[]>`
    SELECT objective_id::text FROM key_results WHERE id = ${keyResultId}::uuid AND organization_id = ${orgId}::uuid FOR UPDATE`;
  if (!locked[0]) throw notFound("That key result");
  const objective = await lockObjective(tx, orgId, locked[0].objective_id);
  const keyResult = await tx.keyResult.findUniqueOrThrow({ where: { id: keyResultId }, select: KEY_RESULT_SNAPSHOT });
  if (expectedVersion !== undefined && keyResult.version !== expectedVersion) throw conflict(STALE_KEY_RESULT);
  return { keyResult, objective };
}

/** An abandoned objective is kept as it was left: its key results take no more changes. */
function assertNotAbandoned(objective: { state: string }) {
  if (objective.state === "abandoned") throw conflict("This objective was abandoned; its key results can no longer change");
}

export function keyResultResource(kr: { ownerId: string }, objective: { ownerId: string; teamId: string | null }) {
  return { ownerIds: [kr.ownerId, objective.ownerId], teamId: objective.teamId };
}

export async function createKeyResult(actor: Actor, input: CreateKeyResultInput) {
  return db.$transaction(async (tx) => {
    const objective = await lockObjective(tx, actor.orgId, input.objectiveId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") {
        throw new AppError("not_found", "That objective was not found in this organisation", { objectiveId: ["That objective was not found in this organisation"] });
      }
      throw error;
    });
    assertCan(actor, "keyresult.create", objectiveResource(objective));
    assertCycleOpen(objective.cycle);
    if (objective.state === "abandoned") throw conflict("This objective was abandoned; it takes no new key results");
    const keyResult = await insertKeyResult(tx, actor, objective, input);
    await syncObjectiveProgress(tx, actor.orgId, objective.id);
    return keyResult;
  });
}

/** Decimal fields compare by value (250 and 250.00 are the same target); absent means unchanged. */
const sameNumber = (a: { toString(): string }, b: string | undefined) => b === undefined || dec(a.toString()).equals(dec(b));

/**
 * Edits a key result. A new target (or start) once the cycle is active needs a reason: the history keeps the old
 * value, the new one, who and why. Progress of the key result and its objective follow in the same transaction.
 */
export async function updateKeyResult(actor: Actor, keyResultId: string, input: UpdateKeyResultInput) {
  return db.$transaction(async (tx) => {
    const { keyResult: current, objective } = await lockKeyResult(tx, actor.orgId, keyResultId, input.version);
    assertCan(actor, "keyresult.update", keyResultResource(current, objective));
    assertCycleOpen(objective.cycle);
    assertNotAbandoned(objective);

    const isMilestone = current.type === "milestone";
    const milestones = isMilestone ? input.milestones : undefined;
    if (milestones && !milestones.length) throw invalid("milestones", "List at least one milestone, one per line");
    // Yes/no and initiatives key results have a fixed scale: only milestones and numbers take a new measure.
    const isFixedScale = current.type === "yes_no" || current.type === "initiatives";
    const targetValue = milestones ? String(milestones.length) : isFixedScale ? undefined : input.targetValue;
    const startValue = isMilestone || isFixedScale ? undefined : input.startValue;
    const direction = isMilestone || isFixedScale ? undefined : input.direction;

    const next = {
      title: input.title ?? current.title,
      direction: direction ?? current.direction,
      startValue: startValue ?? current.startValue.toString(),
      targetValue: targetValue ?? current.targetValue.toString(),
      unit: input.unit ?? current.unit,
      weight: input.weight ?? current.weight.toString(),
      ownerId: input.ownerId ?? current.ownerId,
      milestones: milestones ?? current.milestones,
    };
    const problem = targetProblem({ type: current.type, direction: next.direction, start: next.startValue, target: next.targetValue });
    if (problem) throw invalid("targetValue", problem);

    const isMeasureChange = !sameNumber(current.targetValue, targetValue) || !sameNumber(current.startValue, startValue) || next.direction !== current.direction;
    if (isMeasureChange && objective.cycle.state === "active" && !input.reason) {
      throw invalid("reason", "The cycle is active: say why the target changes, so the history explains it");
    }
    if (next.ownerId !== current.ownerId) await assertMemberOf(tx, actor.orgId, next.ownerId);

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const note = (key: string, old: unknown, value: unknown) => {
      before[key] = old;
      after[key] = value;
    };
    if (next.title !== current.title) note("title", current.title, next.title);
    if (next.direction !== current.direction) note("direction", current.direction, next.direction);
    if (!sameNumber(current.startValue, next.startValue)) note("startValue", current.startValue.toString(), next.startValue);
    if (!sameNumber(current.targetValue, next.targetValue)) note("targetValue", current.targetValue.toString(), next.targetValue);
    if (next.unit !== current.unit) note("unit", current.unit, next.unit);
    if (!sameNumber(current.weight, next.weight)) note("weight", current.weight.toString(), next.weight);
    if (next.ownerId !== current.ownerId) note("ownerId", current.ownerId, next.ownerId);
    if (next.milestones.join("\n") !== current.milestones.join("\n")) note("milestones", current.milestones, next.milestones);
    if (!Object.keys(after).length) return current;

    const updated = await tx.keyResult.update({
      where: { id: keyResultId },
      data: {
        ...next,
        progress: storedProgress({ type: current.type, direction: next.direction, startValue: next.startValue, targetValue: next.targetValue }, current.currentValue),
        version: { increment: 1 },
      },
      select: KEY_RESULT_SNAPSHOT,
    });
    await syncObjectiveProgress(tx, actor.orgId, objective.id);
    await recordAudit(tx, actor, {
      entityType: "key_result",
      entityId: keyResultId,
      action: isMeasureChange ? "keyresult.target_changed" : "keyresult.updated",
      before,
      after,
      reason: input.reason,
    });
    return updated;
  });
}

/** Moves a key result one place up or down within its objective. */
export async function moveKeyResult(actor: Actor, keyResultId: string, direction: "up" | "down") {
  return db.$transaction(async (tx) => {
    // Check-ins lock key results in id order, then their objective. Moving changes a neighbour too, so it locks the
    // objective's key results the same way first; locking the neighbour after the objective could deadlock.
    await tx.$queryRaw`
      SELECT id FROM key_results
      WHERE organization_id = ${actor.orgId}::uuid
        AND objective_id = (SELECT objective_id FROM key_results WHERE id = ${keyResultId}::uuid AND organization_id = ${actor.orgId}::uuid)
      ORDER BY id FOR UPDATE`;
    const { keyResult, objective } = await lockKeyResult(tx, actor.orgId, keyResultId);
    assertCan(actor, "keyresult.update", keyResultResource(keyResult, objective));
    assertCycleOpen(objective.cycle);
    assertNotAbandoned(objective);
    const neighbour = await tx.keyResult.findFirst({
      where: { organizationId: actor.orgId, objectiveId: objective.id, position: direction === "up" ? { lt: keyResult.position } : { gt: keyResult.position } },
      orderBy: { position: direction === "up" ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) return keyResult;
    await tx.keyResult.update({ where: { id: neighbour.id }, data: { position: keyResult.position } });
    const updated = await tx.keyResult.update({ where: { id: keyResultId }, data: { position: neighbour.position, version: { increment: 1 } }, select: KEY_RESULT_SNAPSHOT });
    await recordAudit(tx, actor, { entityType: "key_result", entityId: keyResultId, action: "keyresult.moved", before: { position: keyResult.position }, after: { position: neighbour.position } });
    return updated;
  });
}
