import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { selectCycle, type CycleSummary } from "@/lib/cycles/queries";
import { readDb, readTransaction, type ReadDb, type ReadTx } from "@/lib/db/read";
import { notFound } from "@/lib/errors";
import { FOCUS_COUNTED_STATES, warningsFromCounts, type FocusLimits, type FocusWarnings } from "@/lib/focus/limits";
import { evaluate, isTargetAtStart, QUALITY_RULES, type ObjectiveLevelName, type OwnerTeam, type QualityKeyResult, type QualityRuleId } from "@/lib/quality/rules";

/** How many items each list of the checklist carries; its total says how many there are in all. */
export const PLANNING_LIST_LIMIT = 100;

export interface Listed<T> {
  total: number;
  items: T[];
}

export interface PlanningObjective {
  id: string;
  title: string;
  level: ObjectiveLevelName;
  teamName: string | null;
}

export interface PlanningKeyResult {
  id: string;
  title: string;
  objective: PlanningObjective;
}

export interface QualityGroup {
  ruleId: QualityRuleId;
  label: string;
  suggestion: string;
  /** Objectives with at least one flag of this rule, and the flags in all (a key-result rule can flag several per objective). */
  objectiveCount: number;
  flagCount: number;
  objectives: (PlanningObjective & { flags: number })[];
}

export interface PlanningChecklist {
  cycle: CycleSummary;
  totals: { teams: number; objectives: number; keyResults: number };
  teamsWithoutObjective: Listed<{ id: string; name: string }>;
  objectivesWithoutKeyResults: Listed<PlanningObjective>;
  /** Number, percentage and money key results that should move, with a target equal to their start. */
  keyResultsWithoutTarget: Listed<PlanningKeyResult>;
  /** Team and personal objectives aligned to no objective or key result. */
  unalignedObjectives: Listed<PlanningObjective>;
  focus: FocusWarnings;
  /** The quality coach's flags by rule, in the rules' order; rules the organisation switched off are left out. */
  quality: QualityGroup[];
  disabledRules: string[];
}

/** [objective's index in the objectives, id, title, type, direction, start, target, unit, where the owner works (team objectives only), position] */
type KeyResultRow = [number, string, string, string, string, string, string, string, OwnerTeam | null, number];
/** [id, title, level, state, team id, team name, start of why it matters, aligned] */
type ObjectiveRow = [string, string, ObjectiveLevelName, string, string | null, string | null, string, boolean];

interface FocusCount {
  id: string;
  label: string;
  count: number;
}

interface Payload {
  settings: { disabledRules: string[]; limits: FocusLimits } | null;
  teamCount: number;
  teamsWithoutObjective: { total: number; items: [string, string][] };
  objectives: ObjectiveRow[];
  keyResults: KeyResultRow[];
  focus: { teams: FocusCount[]; objectives: FocusCount[]; people: FocusCount[] };
}

/**
 * The cycle's planning check in one statement (inside readTransaction, for its read timeout). Postgres works out the
 * teams with no objective, the focus counts over their limits (as the review does) and, for team objectives, where
 * each key result's owner works: in the objective's team or one beneath it, only elsewhere, or nowhere. It sends every
 * objective that is not abandoned with its key results' few fields, so the coach's rules run here, in the same code as
 * in the forms: about 150 bytes a key result, some megabytes for a cycle of 12,000 objectives.
 */
function planningStatement(tx: ReadTx, orgId: string, cycleId: string) {
  return tx.$queryRaw<{ payload: string }[]>`
  WITH RECURSIVE
  closure AS (
    SELECT t.id AS ancestor, t.id AS descendant FROM teams t WHERE t.organization_id = ${orgId}::uuid
    UNION ALL
    SELECT closure.ancestor, t.id FROM closure JOIN teams t ON t.parent_id = closure.descendant AND t.organization_id = ${orgId}::uuid),
  -- Each objective's place in the list (company, then team by team name, then personal) doubles as its key results'
  -- reference to it: a number is a tenth of the bytes of a uuid, thousands of times over.
  objs AS MATERIALIZED (
    SELECT o.id, o.title, o.level, o.state, o.team_id, t.name AS team_name,
           left(ltrim(o.why_it_matters, E' \\t\\r\\n'), 80) AS why,
           (o.parent_objective_id IS NOT NULL OR o.parent_key_result_id IS NOT NULL) AS aligned,
           row_number() OVER (ORDER BY CASE o.level WHEN 'company' THEN 0 WHEN 'team' THEN 1 ELSE 2 END, t.name NULLS FIRST, o.position, o.id) - 1 AS idx
      FROM objectives o LEFT JOIN teams t ON t.id = o.team_id AND t.organization_id = ${orgId}::uuid
     WHERE o.organization_id = ${orgId}::uuid AND o.cycle_id = ${cycleId}::uuid AND o.state <> 'abandoned'),
  krs AS MATERIALIZED (
    SELECT k.id, k.objective_id, k.owner_id, k.title, k.type, k.direction, k.start_value, k.target_value, k.unit, k.position,
           o.level, o.state, o.team_id AS objective_team_id, o.idx AS objective_idx
      FROM key_results k JOIN objs o ON o.id = k.objective_id
     WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycleId}::uuid),
  team_kr_owners AS (SELECT DISTINCT owner_id FROM krs WHERE level = 'team'),
  -- The teams each of those owners is in, directly or through a team beneath.
  owner_in AS (
    SELECT DISTINCT m.user_id, cl.ancestor AS team_id
      FROM team_memberships m JOIN team_kr_owners w ON w.owner_id = m.user_id JOIN closure cl ON cl.descendant = m.team_id
     WHERE m.organization_id = ${orgId}::uuid),
  owner_with_team AS (
    SELECT DISTINCT m.user_id
      FROM team_memberships m JOIN team_kr_owners w ON w.owner_id = m.user_id JOIN teams t ON t.id = m.team_id AND t.archived_at IS NULL
     WHERE m.organization_id = ${orgId}::uuid),
  bare_teams AS (
    SELECT t.id, t.name, row_number() OVER (ORDER BY t.name, t.id) AS rank
      FROM teams t
     WHERE t.organization_id = ${orgId}::uuid AND t.archived_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM objs o WHERE o.team_id = t.id AND o.level = 'team')),
  focus_teams AS (
    SELECT t.id, t.name AS label, count(*) AS n
      FROM objs o JOIN teams t ON t.id = o.team_id AND t.organization_id = ${orgId}::uuid
     WHERE o.state IN ('active', 'draft') AND o.level <> 'personal'
     GROUP BY t.id, t.name HAVING count(*) > (SELECT max_objectives_per_team FROM organizations WHERE id = ${orgId}::uuid)),
  focus_objectives AS (
    SELECT o.id, o.title AS label, c.n
      FROM (SELECT objective_id, count(*) AS n FROM krs WHERE state IN ('active', 'draft')
             GROUP BY objective_id HAVING count(*) > (SELECT max_key_results_per_objective FROM organizations WHERE id = ${orgId}::uuid)) c
      JOIN objs o ON o.id = c.objective_id),
  focus_people AS (
    SELECT u.id, u.name AS label, c.n
      FROM (SELECT owner_id, count(*) AS n FROM krs WHERE state IN ('active', 'draft')
             GROUP BY owner_id HAVING count(*) > (SELECT max_key_results_per_person FROM organizations WHERE id = ${orgId}::uuid)) c
      JOIN users u ON u.id = c.owner_id)
  SELECT json_build_object(
    'settings', (SELECT json_build_object('disabledRules', disabled_quality_rules,
                   'limits', json_build_object('maxObjectivesPerTeam', max_objectives_per_team, 'maxKeyResultsPerObjective', max_key_results_per_objective,
                                               'maxKeyResultsPerPerson', max_key_results_per_person))
                   FROM organizations WHERE id = ${orgId}::uuid),
    'teamCount', (SELECT count(*) FROM teams WHERE organization_id = ${orgId}::uuid AND archived_at IS NULL),
    'teamsWithoutObjective', (SELECT json_build_object('total', count(*),
                                'items', coalesce(json_agg(json_build_array(b.id, b.name) ORDER BY b.rank) FILTER (WHERE b.rank <= ${PLANNING_LIST_LIMIT}), '[]'))
                                FROM bare_teams b),
    'objectives', (SELECT coalesce(json_agg(json_build_array(o.id, o.title, o.level, o.state, o.team_id, o.team_name, o.why, o.aligned) ORDER BY o.idx), '[]')
                     FROM objs o),
    -- Flat rather than nested under each objective, and unsorted: one aggregate of narrow rows costs less than thousands
    -- of small ones, and each objective's few key results are put in order in Node.
    'keyResults', (SELECT coalesce(json_agg(json_build_array(k.objective_idx, k.id, k.title, k.type, k.direction, trim_scale(k.start_value)::text, trim_scale(k.target_value)::text, k.unit,
                                              CASE WHEN k.level <> 'team' THEN NULL WHEN i.user_id IS NOT NULL THEN 'objective_team'
                                                   WHEN w.user_id IS NOT NULL THEN 'other_team' ELSE 'no_team' END, k.position)), '[]')
                     FROM krs k
                     LEFT JOIN owner_in i ON i.user_id = k.owner_id AND i.team_id = k.objective_team_id
                     LEFT JOIN owner_with_team w ON w.user_id = k.owner_id),
    'focus', json_build_object(
      'teams', (SELECT coalesce(json_agg(json_build_object('id', f.id, 'label', f.label, 'count', f.n)), '[]') FROM focus_teams f),
      'objectives', (SELECT coalesce(json_agg(json_build_object('id', f.id, 'label', f.label, 'count', f.n)), '[]') FROM focus_objectives f),
      'people', (SELECT coalesce(json_agg(json_build_object('id', f.id, 'label', f.label, 'count', f.n)), '[]') FROM focus_people f))
  )::text AS payload`;
}

const listed = <T>(all: T[]): Listed<T> => ({ total: all.length, items: all.slice(0, PLANNING_LIST_LIMIT) });

/**
 * What is missing from a cycle's plan, for the planning page and GET /cycles/{id}/planning. The cycle must be the
 * actor's organisation's (else not found); every read is scoped to that organisation.
 */
export async function loadPlanningChecklist(actor: Pick<Actor, "orgId" | "cycles">, cycleId: string, options: { db?: ReadDb } = {}): Promise<PlanningChecklist> {
  const cycle = await selectCycle(actor, cycleId);
  if (!cycle) throw notFound("That cycle");
  const payload = await readTransaction(options.db ?? readDb(), async (tx) => {
    const [row] = await planningStatement(tx, actor.orgId, cycle.id);
    return JSON.parse(row!.payload) as Payload;
  });
  if (!payload.settings) throw notFound("That organisation");
  return shapeChecklist(cycle, payload);
}

function shapeChecklist(cycle: CycleSummary, payload: Payload): PlanningChecklist {
  const { disabledRules, limits } = payload.settings!;
  const keyResultsOf: (QualityKeyResult & { id: string; position: number })[][] = payload.objectives.map(() => []);
  for (const [index, id, title, type, direction, startValue, targetValue, unit, ownerTeam, position] of payload.keyResults) {
    keyResultsOf[index]?.push({ id, title, type, direction, startValue, targetValue, unit, position, ...(ownerTeam ? { ownerTeam } : {}) });
  }
  for (const list of keyResultsOf) list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const objectives = payload.objectives.map(([id, title, level, state, teamId, teamName, why, isAligned], index) => ({
    ref: { id, title, level, teamName } satisfies PlanningObjective,
    state,
    teamId,
    why,
    isAligned,
    keyResults: keyResultsOf[index] ?? [],
  }));

  const teamObjectiveCounts = new Map<string, number>();
  for (const o of objectives) {
    if (o.ref.level === "team" && o.teamId && FOCUS_COUNTED_STATES.includes(o.state)) teamObjectiveCounts.set(o.teamId, (teamObjectiveCounts.get(o.teamId) ?? 0) + 1);
  }

  const groups = new Map<QualityRuleId, QualityGroup>();
  for (const o of objectives) {
    const flags = evaluate(
      {
        objective: { title: o.ref.title, whyItMatters: o.why, level: o.ref.level, teamId: o.teamId, isAligned: o.isAligned, teamObjectiveCount: o.teamId ? (teamObjectiveCounts.get(o.teamId) ?? 0) : undefined },
        keyResults: o.keyResults,
        limits,
      },
      { disabled: disabledRules },
    );
    const perRule = new Map<QualityRuleId, number>();
    for (const flag of flags) perRule.set(flag.ruleId, (perRule.get(flag.ruleId) ?? 0) + 1);
    for (const [ruleId, count] of perRule) {
      const rule = QUALITY_RULES.find((r) => r.id === ruleId)!;
      const group = groups.get(ruleId) ?? { ruleId, label: rule.label, suggestion: rule.suggestion, objectiveCount: 0, flagCount: 0, objectives: [] };
      group.objectiveCount += 1;
      group.flagCount += count;
      if (group.objectives.length < PLANNING_LIST_LIMIT) group.objectives.push({ ...o.ref, flags: count });
      groups.set(ruleId, group);
    }
  }

  const counts = (rows: FocusCount[]) => rows.map((r) => [r.id, Number(r.count)] as const);
  const labels = (rows: FocusCount[]) => new Map(rows.map((r) => [r.id, r.label]));
  const warnings = warningsFromCounts({ limits, teams: counts(payload.focus.teams), objectives: counts(payload.focus.objectives), people: counts(payload.focus.people) });
  const [teamNames, titles, names] = [labels(payload.focus.teams), labels(payload.focus.objectives), labels(payload.focus.people)];

  return {
    cycle,
    totals: { teams: payload.teamCount, objectives: objectives.length, keyResults: objectives.reduce((n, o) => n + o.keyResults.length, 0) },
    teamsWithoutObjective: { total: payload.teamsWithoutObjective.total, items: payload.teamsWithoutObjective.items.map(([id, name]) => ({ id, name })) },
    objectivesWithoutKeyResults: listed(objectives.filter((o) => o.keyResults.length === 0).map((o) => o.ref)),
    keyResultsWithoutTarget: listed(objectives.flatMap((o) => o.keyResults.filter((kr) => isTargetAtStart(kr)).map((kr) => ({ id: kr.id, title: kr.title, objective: o.ref })))),
    unalignedObjectives: listed(objectives.filter((o) => o.ref.level !== "company" && !o.isAligned).map((o) => o.ref)),
    focus: {
      limits: warnings.limits,
      teams: warnings.teams.map((t) => ({ ...t, name: teamNames.get(t.teamId) })),
      objectives: warnings.objectives.map((o) => ({ ...o, title: titles.get(o.objectiveId) })),
      people: warnings.people.map((p) => ({ ...p, name: names.get(p.userId) })),
    },
    quality: QUALITY_RULES.flatMap((rule) => groups.get(rule.id) ?? []),
    disabledRules,
  };
}
