import { dec, Decimal, HUNDRED, ZERO, type DecimalInput } from "./decimal";

import type { Direction, KeyResultType } from "@/lib/generated/prisma/enums";

export type { Direction, KeyResultType };

export interface KeyResultMeasure {
  type: KeyResultType;
  direction: Direction;
  start: DecimalInput;
  target: DecimalInput;
  current: DecimalInput;
}

export interface KeyResultProgress {
  /** How far from start to target, 0 to 100 (percent). */
  progress: Decimal;
  /** Percent beyond the target (0 unless the target was passed), shown apart so progress stays bounded. */
  overAchievement: Decimal;
  /** For thresholds (keep above / keep below), yes/no and milestones: whether the target holds right now. */
  isMet: boolean;
  /** For thresholds: how far on the good side of the threshold the value is (negative when it is not met). */
  margin: Decimal | null;
}

function clampPercent(raw: Decimal): { progress: Decimal; overAchievement: Decimal } {
  if (raw.lessThan(ZERO)) return { progress: ZERO, overAchievement: ZERO };
  if (raw.greaterThan(HUNDRED)) return { progress: HUNDRED, overAchievement: raw.minus(HUNDRED) };
  return { progress: raw, overAchievement: ZERO };
}

/**
 * Progress of one key result.
 * - increase / decrease: the share of the way from start to target, clamped to 0-100, with overshoot apart;
 * - keep above / keep below: a threshold that holds (100) or not (0), with the margin to it;
 * - milestone: milestones reached (the value) out of the target count;
 * - yes/no: done (value 1 or more) or not;
 * - initiatives: initiatives done (the value) out of those not dropped (the target); none yet is no progress.
 */
export function keyResultProgress(kr: KeyResultMeasure): KeyResultProgress {
  const start = dec(kr.start);
  const target = dec(kr.target);
  const current = dec(kr.current);

  if (kr.type === "yes_no") {
    const isMet = current.greaterThanOrEqualTo(1);
    return { progress: isMet ? HUNDRED : ZERO, overAchievement: ZERO, isMet, margin: null };
  }

  if (kr.type === "milestone" || kr.type === "initiatives") {
    if (target.lessThanOrEqualTo(ZERO)) return { progress: ZERO, overAchievement: ZERO, isMet: false, margin: null };
    const { progress, overAchievement } = clampPercent(current.dividedBy(target).times(HUNDRED));
    return { progress, overAchievement, isMet: current.greaterThanOrEqualTo(target), margin: null };
  }

  if (kr.direction === "keep_above" || kr.direction === "keep_below") {
    const margin = kr.direction === "keep_above" ? current.minus(target) : target.minus(current);
    const isMet = margin.greaterThanOrEqualTo(ZERO);
    return { progress: isMet ? HUNDRED : ZERO, overAchievement: ZERO, isMet, margin };
  }

  const span = kr.direction === "increase" ? target.minus(start) : start.minus(target);
  if (span.lessThanOrEqualTo(ZERO)) {
    // Validation refuses such targets; a legacy row still gets a defined answer rather than a division by zero.
    const isMet = kr.direction === "increase" ? current.greaterThanOrEqualTo(target) : current.lessThanOrEqualTo(target);
    return { progress: isMet ? HUNDRED : ZERO, overAchievement: ZERO, isMet, margin: null };
  }
  const moved = kr.direction === "increase" ? current.minus(start) : start.minus(current);
  const { progress, overAchievement } = clampPercent(moved.dividedBy(span).times(HUNDRED));
  return { progress, overAchievement, isMet: progress.equals(HUNDRED), margin: null };
}

/** Milestones, yes/no and initiatives done count on a fixed scale: no direction, start or unit to choose. */
export function isFixedScale(type: string): boolean {
  return type === "milestone" || type === "yes_no" || type === "initiatives";
}

/** Why a start/target pair cannot describe a key result, or null when it can. */
export function targetProblem(kr: Pick<KeyResultMeasure, "type" | "direction" | "start" | "target">): string | null {
  const start = dec(kr.start);
  const target = dec(kr.target);
  if (kr.type === "yes_no" || kr.type === "initiatives") return null;
  if (kr.type === "milestone") {
    return target.isInteger() && target.greaterThan(0) ? null : "A milestone key result needs at least one milestone";
  }
  if (kr.direction === "keep_above" || kr.direction === "keep_below") return null;
  if (start.equals(target)) return "The target must differ from the start value";
  if (kr.direction === "increase" && target.lessThan(start)) return "To increase, the target must be above the start value";
  if (kr.direction === "decrease" && target.greaterThan(start)) return "To decrease, the target must be below the start value";
  return null;
}

export function round4(value: Decimal): string {
  return value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}
