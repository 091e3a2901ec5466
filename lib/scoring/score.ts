import { dec, Decimal, HUNDRED, ZERO, type DecimalInput } from "@/lib/progress/decimal";

/** Pure scoring rules, shared by the closing page, the summary and the tests. No database access here. */

export interface ScoredMeasure {
  type: string;
  direction: string;
}

/**
 * Yes/no key results and thresholds (keep above / keep below) either hold or do not: their score is all or
 * nothing, whatever a partial progress figure might suggest.
 */
export function isBinaryMeasure(measure: ScoredMeasure): boolean {
  return measure.type === "yes_no" || measure.direction === "keep_above" || measure.direction === "keep_below";
}

/**
 * The score offered before the owner edits it: progress / 100 rounded to one decimal (72 % -> 0.7), clamped to
 * 0.0-1.0; binary key results get 1.0 when met and 0.0 otherwise. Returned as text so no float rounding creeps in.
 */
export function suggestedScore(progressPercent: DecimalInput, measure?: ScoredMeasure): string {
  const progress = Decimal.max(ZERO, Decimal.min(HUNDRED, dec(progressPercent)));
  if (measure && isBinaryMeasure(measure)) return progress.greaterThanOrEqualTo(HUNDRED) ? "1.0" : "0.0";
  return progress.dividedBy(HUNDRED).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

export type ScoreBand = "low" | "mid" | "high";

/**
 * The usual reading of OKR scores: 0.0-0.3 missed, 0.4-0.6 progress made, 0.7-1.0 delivered. Scores carry two
 * decimals, so the bands are cut at 0.4 and 0.7 to leave no gaps (0.35 is low, 0.65 is mid).
 */
export function scoreBand(score: DecimalInput): ScoreBand {
  const value = dec(score);
  if (value.lessThan("0.4")) return "low";
  if (value.lessThan("0.7")) return "mid";
  return "high";
}

export const SCORE_BAND_LABEL: Record<ScoreBand, string> = {
  low: "0.0–0.3",
  mid: "0.4–0.6",
  high: "0.7–1.0",
};

/** A score as people read it: one decimal unless the owner gave two (0.7, 0.75). */
export function formatScore(score: DecimalInput | null | undefined): string {
  if (score === null || score === undefined) return "—";
  const value = dec(score);
  return value.decimalPlaces() > 1 ? value.toFixed(2) : value.toFixed(1);
}
