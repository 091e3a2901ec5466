import { formatValue } from "@/lib/format";
import { Decimal, ZERO } from "./decimal";
import type { Direction, KeyResultProgress, KeyResultType } from "./key-result";

export interface ProgressNote {
  /** "+12% beyond target", "Met · 3.5 ms above the floor", "Not met · 0.8 over the ceiling". */
  text: string;
  /** Whether the note is good news, so the UI can colour it; the text says it in words too. */
  isMet: boolean;
}

export interface DescribedKeyResult {
  type: KeyResultType;
  direction: Direction;
  unit: string;
}

/** A value with no exponent and no trailing zeros, at most four decimals as the database stores them. */
function plain(value: Decimal): string {
  return value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed();
}

/** Whole percentage points; a sliver beyond the target still says so instead of reading "+0 %". */
function percentPoints(value: Decimal): string {
  const whole = value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return whole.isZero() ? "<1" : whole.toFixed();
}

/**
 * What a progress bar clamped to 0-100 cannot show: how far beyond the target an increase or decrease went, or
 * whether a threshold holds and by how much. Null when there is nothing to add.
 */
export function describeProgress(result: KeyResultProgress, kr: DescribedKeyResult): ProgressNote | null {
  if (result.margin !== null && (kr.direction === "keep_above" || kr.direction === "keep_below")) {
    const isFloor = kr.direction === "keep_above";
    const where = isFloor ? "the floor" : "the ceiling";
    if (result.margin.isZero()) return { text: `Met · exactly at ${where}`, isMet: true };
    const distance = formatValue(plain(result.margin.abs()), { type: kr.type, unit: kr.unit });
    const side = result.isMet ? (isFloor ? "above" : "under") : isFloor ? "below" : "over";
    return { text: `${result.isMet ? "Met" : "Not met"} · ${distance} ${side} ${where}`, isMet: result.isMet };
  }
  if (result.overAchievement.greaterThan(ZERO)) return { text: `+${percentPoints(result.overAchievement)}% beyond target`, isMet: true };
  return null;
}

export interface ProgressDetails {
  /** Percentage points beyond 100, or null when the target was not passed (and for thresholds). */
  overAchievement: string | null;
  /** For keep above / keep below: whether the threshold holds now; null for other key results. */
  thresholdMet: boolean | null;
  /** For keep above / keep below: distance to the threshold on the good side, negative when it is not met. */
  margin: string | null;
}

/** The same facts for machines: decimal strings, so no client rounds them through a float. */
export function progressDetails(result: KeyResultProgress): ProgressDetails {
  const isThreshold = result.margin !== null;
  return {
    overAchievement: result.overAchievement.greaterThan(ZERO) ? plain(result.overAchievement) : null,
    thresholdMet: isThreshold ? result.isMet : null,
    margin: result.margin === null ? null : plain(result.margin),
  };
}
