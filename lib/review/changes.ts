import type { Confidence } from "@/lib/generated/prisma/enums";
import { dec, keyResultProgress, weightedMean, type Direction, type KeyResultType } from "@/lib/progress";

/**
 * "What changed since" a date, from what each key result looked like then and looks like now. Pure: the queries
 * fetch the values, this works out the deltas.
 */
export type ConfidenceName = Confidence;
const SEVERITY: Record<ConfidenceName, number> = { on_track: 0, at_risk: 1, off_track: 2 };

export interface KeyResultNow {
  id: string;
  objectiveId: string;
  type: KeyResultType;
  direction: Direction;
  startValue: string;
  targetValue: string;
  confidence: ConfidenceName | null;
  weight: string;
  /** Progress now, as stored with the key result (kept in step with every check-in and edit). */
  progress: string;
  /** Created after the date: it has no "then". */
  isNew: boolean;
  /** Checked in or created since the date. A key result that did not move stood then where it stands now. */
  moved: boolean;
}

export interface KeyResultThen {
  value: string;
  confidence: ConfidenceName;
}

export interface KeyResultChange {
  id: string;
  objectiveId: string;
  progressThen: number;
  progressNow: number;
  delta: number;
  confidenceThen: ConfidenceName | null;
  confidenceNow: ConfidenceName | null;
  /** +1 when confidence improved, -1 when it worsened, 0 otherwise. */
  confidenceTrend: -1 | 0 | 1;
}

export interface ObjectiveChange {
  objectiveId: string;
  progressThen: number;
  progressNow: number;
  delta: number;
}

function progressOf(kr: KeyResultNow, value: string): number {
  return keyResultProgress({ type: kr.type, direction: kr.direction, start: kr.startValue, target: kr.targetValue, current: value }).progress.toNumber();
}

/**
 * Progress and confidence then and now for each key result. A key result that moved since the date but had no
 * check-in before it was at its start value then, with no confidence. Progress then uses today's start and target,
 * so a changed target shows up in the list of target changes rather than as movement. Only what moved is measured
 * again: at full scale that is the difference between thousands and tens of thousands of exact calculations.
 */
export function keyResultChanges(now: KeyResultNow[], then: ReadonlyMap<string, KeyResultThen>): KeyResultChange[] {
  return now.map((kr) => {
    const progressNow = Number(kr.progress);
    if (!kr.moved) {
      return { id: kr.id, objectiveId: kr.objectiveId, progressThen: progressNow, progressNow, delta: 0, confidenceThen: kr.confidence, confidenceNow: kr.confidence, confidenceTrend: 0 };
    }
    const before = then.get(kr.id);
    const progressThen = kr.isNew ? 0 : progressOf(kr, before?.value ?? kr.startValue);
    const confidenceThen = before?.confidence ?? null;
    let confidenceTrend: -1 | 0 | 1 = 0;
    if (confidenceThen && kr.confidence && confidenceThen !== kr.confidence) confidenceTrend = SEVERITY[kr.confidence] > SEVERITY[confidenceThen] ? -1 : 1;
    return {
      id: kr.id,
      objectiveId: kr.objectiveId,
      progressThen,
      progressNow,
      delta: dec(progressNow).minus(progressThen).toNumber(),
      confidenceThen,
      confidenceNow: kr.confidence,
      confidenceTrend,
    };
  });
}

/** Objective progress then and now: the weighted mean of its key results at each moment. */
export function objectiveChanges(now: KeyResultNow[], changes: KeyResultChange[]): ObjectiveChange[] {
  const byObjective = new Map<string, { then: { progress: number; weight: string }[]; now: { progress: number; weight: string }[] }>();
  changes.forEach((change, i) => {
    const weight = now[i]!.weight;
    const entry = byObjective.get(change.objectiveId) ?? { then: [], now: [] };
    if (!now[i]!.isNew) entry.then.push({ progress: change.progressThen, weight });
    entry.now.push({ progress: change.progressNow, weight });
    byObjective.set(change.objectiveId, entry);
  });
  return [...byObjective].map(([objectiveId, { then, now: current }]) => {
    const progressThen = weightedMean(then).toNumber();
    const progressNow = weightedMean(current).toNumber();
    return { objectiveId, progressThen, progressNow, delta: dec(progressNow).minus(progressThen).toNumber() };
  });
}

export interface ChangeSummary {
  improved: number;
  declined: number;
  confidenceWorse: number;
  confidenceBetter: number;
}

export function summarise(changes: KeyResultChange[]): ChangeSummary {
  const summary = { improved: 0, declined: 0, confidenceWorse: 0, confidenceBetter: 0 };
  for (const c of changes) {
    if (c.delta > 0) summary.improved++;
    else if (c.delta < 0) summary.declined++;
    if (c.confidenceTrend < 0) summary.confidenceWorse++;
    if (c.confidenceTrend > 0) summary.confidenceBetter++;
  }
  return summary;
}
