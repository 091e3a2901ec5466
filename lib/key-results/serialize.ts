import type { Confidence } from "@/lib/generated/prisma/enums";
import { progressDetails } from "@/lib/progress/describe";
import { keyResultProgress, type Direction, type KeyResultType } from "@/lib/progress";

type DecimalLike = { toString(): string };

export interface KeyResultRow {
  id: string;
  objectiveId: string;
  cycleId: string;
  ownerId: string;
  title: string;
  type: KeyResultType;
  direction: Direction;
  startValue: DecimalLike;
  targetValue: DecimalLike;
  currentValue: DecimalLike;
  unit: string;
  milestones: string[];
  weight: DecimalLike;
  position: number;
  progress: DecimalLike;
  confidence: Confidence | null;
  lastCheckInAt: Date | null;
  score: DecimalLike | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Numbers travel as strings so no client ever rounds a target through a float. */
export function serializeKeyResult(kr: KeyResultRow) {
  return {
    id: kr.id,
    objectiveId: kr.objectiveId,
    cycleId: kr.cycleId,
    ownerId: kr.ownerId,
    title: kr.title,
    type: kr.type,
    direction: kr.direction,
    startValue: kr.startValue.toString(),
    targetValue: kr.targetValue.toString(),
    currentValue: kr.currentValue.toString(),
    unit: kr.unit,
    milestones: kr.milestones,
    weight: kr.weight.toString(),
    position: kr.position,
    progress: kr.progress.toString(),
    // Worked out from the current value like the stored progress, so the two always agree.
    ...progressDetails(keyResultProgress({ type: kr.type, direction: kr.direction, start: kr.startValue, target: kr.targetValue, current: kr.currentValue })),
    confidence: kr.confidence,
    lastCheckInAt: kr.lastCheckInAt?.toISOString() ?? null,
    score: kr.score?.toString() ?? null,
    version: kr.version,
    createdAt: kr.createdAt.toISOString(),
    updatedAt: kr.updatedAt.toISOString(),
  };
}
