import "server-only";
import type { Tx } from "@/lib/db/prisma";
import { keyResultProgress, round4, weightedMean } from "@/lib/progress";

/**
 * Recomputes an objective's stored progress from its key results (weighted mean). Called inside the transaction
 * that changed a key result, so the objective never shows a progress its key results do not add up to.
 */
export async function syncObjectiveProgress(tx: Tx, orgId: string, objectiveId: string): Promise<string> {
  const keyResults = await tx.keyResult.findMany({ where: { organizationId: orgId, objectiveId }, select: { progress: true, weight: true } });
  const progress = round4(weightedMean(keyResults));
  await tx.objective.updateMany({ where: { id: objectiveId, organizationId: orgId }, data: { progress } });
  return progress;
}

/** The stored progress of a key result for a current value (and its start/target/direction/type). */
export function storedProgress(kr: { type: Parameters<typeof keyResultProgress>[0]["type"]; direction: Parameters<typeof keyResultProgress>[0]["direction"]; startValue: { toString(): string } | string; targetValue: { toString(): string } | string }, current: { toString(): string } | string): string {
  return round4(keyResultProgress({ type: kr.type, direction: kr.direction, start: kr.startValue, target: kr.targetValue, current }).progress);
}
