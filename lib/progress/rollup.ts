import { dec, Decimal, ZERO, type DecimalInput } from "./decimal";

export interface Weighted {
  progress: DecimalInput;
  weight: DecimalInput;
}

/** An objective's progress: the weighted mean of its key results; no key results (or no weight) means 0. */
export function weightedMean(items: readonly Weighted[]): Decimal {
  let total = ZERO;
  let weights = ZERO;
  for (const item of items) {
    const weight = dec(item.weight);
    if (weight.lessThanOrEqualTo(ZERO)) continue;
    total = total.plus(dec(item.progress).times(weight));
    weights = weights.plus(weight);
  }
  return weights.isZero() ? ZERO : total.dividedBy(weights);
}

export interface RollupObjective {
  teamId: string | null;
  progress: DecimalInput;
  isCounted: boolean;
}

export interface TeamNode {
  id: string;
  parentId: string | null;
}

export interface TeamRollup {
  teamId: string;
  /** Mean progress of the team's objectives and those of every team nested beneath it. */
  progress: Decimal;
  objectiveCount: number;
  ownObjectiveCount: number;
}

/**
 * Team roll-ups over the team tree: each team counts its own objectives and all its sub-teams' objectives,
 * each objective weighing the same. Objectives that do not count (abandoned, drafts) are left out.
 */
export function rollUpTeams(teams: readonly TeamNode[], objectives: readonly RollupObjective[]): Map<string, TeamRollup> {
  const own = new Map<string, { sum: Decimal; count: number }>();
  for (const o of objectives) {
    if (!o.isCounted || !o.teamId) continue;
    const entry = own.get(o.teamId) ?? { sum: ZERO, count: 0 };
    entry.sum = entry.sum.plus(dec(o.progress));
    entry.count += 1;
    own.set(o.teamId, entry);
  }
  const children = new Map<string, string[]>();
  for (const t of teams) {
    if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
  }
  const totals = new Map<string, { sum: Decimal; count: number }>();
  const result = new Map<string, TeamRollup>();
  // Post-order without recursion: deep trees of thousands of teams must not blow the stack.
  const order: string[] = [];
  const known = new Set(teams.map((t) => t.id));
  const stack = teams.filter((t) => !t.parentId || !known.has(t.parentId)).map((t) => t.id);
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    for (const child of children.get(id) ?? []) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    const mine = own.get(id) ?? { sum: ZERO, count: 0 };
    let sum = mine.sum;
    let count = mine.count;
    for (const child of children.get(id) ?? []) {
      const t = totals.get(child);
      if (t) {
        sum = sum.plus(t.sum);
        count += t.count;
      }
    }
    totals.set(id, { sum, count });
    result.set(id, { teamId: id, progress: count ? sum.dividedBy(count) : ZERO, objectiveCount: count, ownObjectiveCount: mine.count });
  }
  return result;
}

/** The organisation's progress: the mean of its counted objectives. */
export function organizationProgress(objectives: readonly RollupObjective[]): Decimal {
  const counted = objectives.filter((o) => o.isCounted);
  if (!counted.length) return ZERO;
  return counted.reduce((sum, o) => sum.plus(dec(o.progress)), ZERO).dividedBy(counted.length);
}
