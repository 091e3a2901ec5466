import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db/prisma";
import { assertMemberOf } from "@/lib/objectives/guards";
import { storedProgress } from "./progress-sync";
import type { KeyResultDraft } from "./schemas";

export const KEY_RESULT_SNAPSHOT = {
  id: true,
  objectiveId: true,
  cycleId: true,
  ownerId: true,
  title: true,
  type: true,
  direction: true,
  startValue: true,
  targetValue: true,
  currentValue: true,
  unit: true,
  milestones: true,
  weight: true,
  position: true,
  progress: true,
  confidence: true,
  lastCheckInAt: true,
  score: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

/**
 * Adds a key result at the end of an objective's list, inside the caller's transaction, with its audit event. The
 * caller has locked the objective, checked the permission and the cycle, and syncs the objective's progress after.
 */
export async function insertKeyResult(tx: Tx, actor: Actor, objective: { id: string; cycleId: string; ownerId: string }, input: KeyResultDraft, field = "ownerId") {
  const ownerId = input.ownerId ?? objective.ownerId;
  if (ownerId !== objective.ownerId) await assertMemberOf(tx, actor.orgId, ownerId, field);
  const last = await tx.keyResult.aggregate({ where: { organizationId: actor.orgId, objectiveId: objective.id }, _max: { position: true } });
  const keyResult = await tx.keyResult.create({
    data: {
      organizationId: actor.orgId,
      cycleId: objective.cycleId,
      objectiveId: objective.id,
      ownerId,
      title: input.title,
      type: input.type,
      direction: input.direction,
      startValue: input.startValue,
      targetValue: input.targetValue,
      currentValue: input.startValue,
      unit: input.unit,
      milestones: input.milestones,
      weight: input.weight,
      position: (last._max.position ?? -1) + 1,
      progress: storedProgress({ type: input.type, direction: input.direction, startValue: input.startValue, targetValue: input.targetValue }, input.startValue),
    },
    select: KEY_RESULT_SNAPSHOT,
  });
  await recordAudit(tx, actor, { entityType: "key_result", entityId: keyResult.id, action: "keyresult.created", after: keyResult });
  return keyResult;
}
