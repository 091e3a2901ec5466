import type { QualityFlag, QualityKeyResult } from "@/lib/quality/rules";
import type { FocusLimits } from "@/lib/focus/limits";

/** What a form needs to judge as its organisation wants, passed from the page that renders it. */
export interface CoachSettings {
  disabledRules: readonly string[];
  limits?: FocusLimits;
}

/** A key result as a form holds it, read from its fields (named `<prefix>title`, `<prefix>type`...). */
export function keyResultFromFields(values: Record<string, string | undefined>, prefix = "", fallback: { type?: string } = {}): QualityKeyResult {
  const get = (field: string) => values[`${prefix}${field}`] ?? "";
  return {
    title: get("title"),
    type: values[`${prefix}type`] ?? fallback.type ?? "number",
    direction: values[`${prefix}direction`] ?? "increase",
    startValue: get("startValue"),
    targetValue: get("targetValue"),
    unit: get("unit"),
  };
}

export const flagsFor = (flags: readonly QualityFlag[], ...fields: QualityFlag["field"][]) => flags.filter((f) => fields.includes(f.field) && f.keyResultIndex === undefined);

/** The coach's context on an objective's own forms (lib/quality/queries.ts loadObjectiveCoach gives all of it). */
export interface ObjectiveFormCoach extends CoachSettings {
  teamObjectiveCounts?: Record<string, number>;
  isAligned?: boolean;
}

const COUNTED_STATES = ["active", "draft"];

/**
 * The team's objective count if the form were saved: the stored count for the chosen team, without this objective
 * where it already counted there, with it where it will.
 */
export function teamCountAfterSave(
  counts: Record<string, number> | undefined,
  stored: { teamId: string | null; state: string; level: string },
  chosen: { teamId: string | null; state: string },
): number | undefined {
  if (!counts || stored.level !== "team" || !chosen.teamId) return undefined;
  const countedBefore = stored.teamId === chosen.teamId && COUNTED_STATES.includes(stored.state) ? 1 : 0;
  const countedAfter = COUNTED_STATES.includes(chosen.state) ? 1 : 0;
  return (counts[chosen.teamId] ?? 0) - countedBefore + countedAfter;
}
