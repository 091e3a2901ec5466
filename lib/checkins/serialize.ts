import { isoDate } from "@/lib/dates/week";
import type { ConfidenceValue } from "./schemas";

interface CheckInRow {
  id: string;
  keyResultId: string;
  authorId: string;
  week: Date;
  value: { toString(): string } | string;
  confidence: ConfidenceValue;
  note: string;
  version: number;
  /** The API token the latest save came through; absent where the caller did not read it. */
  apiTokenId?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface VersionRow {
  version: number;
  authorId: string;
  value: { toString(): string } | string;
  confidence: ConfidenceValue;
  note: string;
  createdAt: Date;
}

/** A check-in in API v1: decimals as strings (exact), the week as its Monday. */
export function serializeCheckIn(row: CheckInRow) {
  return {
    id: row.id,
    keyResultId: row.keyResultId,
    authorId: row.authorId,
    week: isoDate(row.week),
    value: row.value.toString(),
    confidence: row.confidence,
    note: row.note,
    version: row.version,
    apiTokenId: row.apiTokenId ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function serializeVersion(row: VersionRow) {
  return {
    version: row.version,
    authorId: row.authorId,
    value: row.value.toString(),
    confidence: row.confidence,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The answer to a check-in request: the check-in, and where its key result and objective now stand. */
export function serializeRecorded(saved: CheckInRow & { objectiveId: string; keyResultProgress: string; objectiveProgress: string }) {
  return {
    ...serializeCheckIn(saved),
    keyResult: { id: saved.keyResultId, currentValue: saved.value.toString(), progress: saved.keyResultProgress, confidence: saved.confidence },
    objective: { id: saved.objectiveId, progress: saved.objectiveProgress },
  };
}
