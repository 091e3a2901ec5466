/** Focus warnings: pure counting against the organisation's limits, shared by the review page and the tree. */

export interface FocusLimits {
  maxObjectivesPerTeam: number;
  maxKeyResultsPerObjective: number;
  maxKeyResultsPerPerson: number;
}

/** Objectives still being pursued or planned count against focus; done and abandoned ones no longer do. */
export const FOCUS_COUNTED_STATES: readonly string[] = ["active", "draft"];

export interface FocusObjective {
  id: string;
  teamId: string | null;
  state: string;
  /** When given, personal objectives do not count against their home team's limit (company ones have no team). */
  level?: string;
}

export interface FocusKeyResult {
  objectiveId: string;
  ownerId: string;
}

export interface TeamOverLimit {
  teamId: string;
  count: number;
  limit: number;
  name?: string;
}

export interface ObjectiveOverLimit {
  objectiveId: string;
  count: number;
  limit: number;
  title?: string;
}

export interface PersonOverLimit {
  userId: string;
  count: number;
  limit: number;
  name?: string;
}

export interface FocusWarnings {
  limits: FocusLimits;
  teams: TeamOverLimit[];
  objectives: ObjectiveOverLimit[];
  people: PersonOverLimit[];
}

type Counts = Iterable<readonly [string, number]>;

const byCountThenId = <T extends { count: number }>(id: (item: T) => string) => (a: T, b: T) => b.count - a.count || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);

/** Shapes counts into warnings, keeping only what is over its limit, the worst first. */
export function warningsFromCounts(input: { limits: FocusLimits; teams: Counts; objectives: Counts; people: Counts }): FocusWarnings {
  const { limits } = input;
  const over = (counts: Counts, limit: number) => [...counts].filter(([, count]) => count > limit);
  return {
    limits,
    teams: over(input.teams, limits.maxObjectivesPerTeam)
      .map(([teamId, count]) => ({ teamId, count, limit: limits.maxObjectivesPerTeam }))
      .sort(byCountThenId((t) => t.teamId)),
    objectives: over(input.objectives, limits.maxKeyResultsPerObjective)
      .map(([objectiveId, count]) => ({ objectiveId, count, limit: limits.maxKeyResultsPerObjective }))
      .sort(byCountThenId((o) => o.objectiveId)),
    people: over(input.people, limits.maxKeyResultsPerPerson)
      .map(([userId, count]) => ({ userId, count, limit: limits.maxKeyResultsPerPerson }))
      .sort(byCountThenId((p) => p.userId)),
  };
}

function increment(counts: Map<string, number>, key: string) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Which teams have more objectives than the limit, which objectives more key results, and which people own more key
 * results, with the counts. Only active and draft objectives (and their key results) count.
 */
export function focusWarnings(input: { limits: FocusLimits; objectives: readonly FocusObjective[]; keyResults: readonly FocusKeyResult[] }): FocusWarnings {
  const counted = new Set<string>();
  const teams = new Map<string, number>();
  for (const o of input.objectives) {
    if (!FOCUS_COUNTED_STATES.includes(o.state)) continue;
    counted.add(o.id);
    if (o.teamId && o.level !== "personal") increment(teams, o.teamId);
  }
  const objectives = new Map<string, number>();
  const people = new Map<string, number>();
  for (const kr of input.keyResults) {
    if (!counted.has(kr.objectiveId)) continue;
    increment(objectives, kr.objectiveId);
    increment(people, kr.ownerId);
  }
  return warningsFromCounts({ limits: input.limits, teams, objectives, people });
}
