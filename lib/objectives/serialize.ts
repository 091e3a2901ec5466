import type { ObjectiveKind, ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";
import { serializeKeyResult, type KeyResultRow } from "@/lib/key-results/serialize";

export interface ObjectiveRow {
  id: string;
  cycleId: string;
  level: ObjectiveLevel;
  teamId: string | null;
  ownerId: string;
  title: string;
  whyItMatters: string;
  kind: ObjectiveKind;
  state: ObjectiveState;
  parentObjectiveId: string | null;
  parentKeyResultId: string | null;
  position: number;
  progress: { toString(): string };
  abandonReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  keyResults?: KeyResultRow[];
}

export function serializeObjective(o: ObjectiveRow) {
  return {
    id: o.id,
    cycleId: o.cycleId,
    level: o.level,
    teamId: o.teamId,
    ownerId: o.ownerId,
    title: o.title,
    whyItMatters: o.whyItMatters,
    kind: o.kind,
    state: o.state,
    parentObjectiveId: o.parentObjectiveId,
    parentKeyResultId: o.parentKeyResultId,
    position: o.position,
    progress: o.progress.toString(),
    abandonReason: o.abandonReason,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    ...(o.keyResults ? { keyResults: o.keyResults.map(serializeKeyResult) } : {}),
  };
}
