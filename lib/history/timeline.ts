/** An objective's story: its check-ins, comments and changes as one list, newest first. Pure, so it is easy to test. */
import type { Confidence } from "@/lib/generated/prisma/enums";
import type { HistoryEntry } from "./describe-event";

export interface TimelineCheckIn {
  id: string;
  at: Date;
  authorName: string;
  keyResultTitle: string;
  /** The value as people read it, already formatted. */
  value: string;
  confidence: Confidence;
  note: string;
  /** More than one save in the same week. */
  isEdited: boolean;
  /** Where it came from when not the web: "API token “Nightly sync”", "Integration “Warehouse”". */
  via?: string | null;
}

export interface TimelineComment {
  id: string;
  at: Date;
  authorId: string;
  authorName: string;
  body: string;
}

export type TimelineEntry =
  | ({ kind: "check-in" } & TimelineCheckIn)
  | ({ kind: "comment" } & TimelineComment)
  | ({ kind: "change" } & HistoryEntry);

/**
 * Merges the three sources newest first. Entries at the same moment keep a stable order (changes, then check-ins,
 * then comments, each by id) so the page never reshuffles between loads.
 */
export function mergeTimeline(parts: { checkIns: readonly TimelineCheckIn[]; comments: readonly TimelineComment[]; changes: readonly HistoryEntry[] }): TimelineEntry[] {
  const rank = { change: 0, "check-in": 1, comment: 2 } as const;
  const entries: TimelineEntry[] = [
    ...parts.changes.map((c) => ({ kind: "change" as const, ...c })),
    ...parts.checkIns.map((c) => ({ kind: "check-in" as const, ...c })),
    ...parts.comments.map((c) => ({ kind: "comment" as const, ...c })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || rank[a.kind] - rank[b.kind] || a.id.localeCompare(b.id));
}
