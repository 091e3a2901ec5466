import { addWeeks, isoDate, mondayOf } from "@/lib/dates/week";
import { dec, keyResultProgress, round4, weightedMean, ZERO, type Direction, type KeyResultType } from "@/lib/progress";
import type { Confidence } from "@/lib/generated/prisma/enums";

export interface SeriesPoint {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  /** Progress 0-100 at the end of that week. */
  progress: number;
}

export interface HistoryKeyResult {
  type: KeyResultType;
  direction: Direction;
  start: string;
  target: string;
  weight: string;
  /** Its check-ins, any order: the Monday of the week (YYYY-MM-DD) and the value. */
  checkIns: readonly { week: string; value: string }[];
}

/** Mondays from the cycle's first week to its last, or to the week of `until` if that comes first. */
export function cycleWeeks(cycleStart: Date, cycleEnd: Date, until: Date): string[] {
  const first = mondayOf(cycleStart);
  const lastOfCycle = mondayOf(cycleEnd);
  const last = until < lastOfCycle ? mondayOf(until) : lastOfCycle;
  const weeks: string[] = [];
  for (let week = first; week <= last; week = addWeeks(week, 1)) weeks.push(isoDate(week));
  return weeks;
}

/**
 * An objective's progress week by week, rebuilt from its key results' check-ins: each week, every key result
 * counts with its latest value so far (its start value before its first check-in), and the objective is their
 * weighted mean, the same maths as the stored progress.
 */
export function objectiveProgressSeries(keyResults: readonly HistoryKeyResult[], weeks: readonly string[]): SeriesPoint[] {
  const prepared = keyResults.map((kr) => ({ kr, checkIns: [...kr.checkIns].sort((a, b) => a.week.localeCompare(b.week)), next: 0, value: kr.start }));
  return weeks.map((week) => {
    const items = prepared.map((p) => {
      while (p.next < p.checkIns.length && p.checkIns[p.next]!.week <= week) {
        p.value = p.checkIns[p.next]!.value;
        p.next += 1;
      }
      const { progress } = keyResultProgress({ type: p.kr.type, direction: p.kr.direction, start: p.kr.start, target: p.kr.target, current: p.value });
      return { progress, weight: p.kr.weight };
    });
    return { week, progress: Number(round4(weightedMean(items))) };
  });
}

/** The mean of several series week by week (a team's trend from its objectives' series); weeks missing from a series are skipped. */
export function meanSeries(series: readonly (readonly SeriesPoint[])[]): SeriesPoint[] {
  const byWeek = new Map<string, { sum: ReturnType<typeof dec>; count: number }>();
  for (const points of series) {
    for (const point of points) {
      const entry = byWeek.get(point.week) ?? { sum: ZERO, count: 0 };
      byWeek.set(point.week, { sum: entry.sum.plus(dec(point.progress)), count: entry.count + 1 });
    }
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, { sum, count }]) => ({ week, progress: Number(round4(sum.dividedBy(count))) }));
}

/** One check-in as charts draw it. */
export interface CheckInPoint {
  week: string;
  value: string;
  confidence: Confidence;
  /** Who recorded it when not a person (a data source, an organisation token); absent where not read. */
  source?: string | null;
}
