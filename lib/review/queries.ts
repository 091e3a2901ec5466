import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { changeColumns, movedSince, valueThenJoin } from "./value-then";
import { readDb, readTransaction, type ReadDb, type ReadTx } from "@/lib/db/read";
import { notFound } from "@/lib/errors";
import { warningsFromCounts, type FocusWarnings } from "@/lib/focus/limits";
import type { ChangeSummary, ConfidenceName, KeyResultChange, ObjectiveChange } from "./changes";
import { asNumber, asNumberDecimal, meanSql, weightedMeanSql } from "./progress-sql";
import { orderTeams, subtree, teamOptions, type ReviewTeam } from "./teams";

export const LIST_LIMIT = 100;
export const STALE_DAYS = 14;
/** How many of the objectives and key results that moved most the page lists. */
export const MOVERS = { objectives: 30, keyResults: 50 } as const;

export interface ReviewCycle {
  id: string;
  name: string;
  state: string;
  startDate: Date;
  endDate: Date;
}

export interface TeamRow {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
  progress: number;
  objectiveCount: number;
  confidence: { on_track: number; at_risk: number; off_track: number; none: number };
}

export interface KeyResultItem {
  id: string;
  title: string;
  objectiveId: string;
  objectiveTitle: string;
  teamName: string | null;
  ownerName: string;
  progress: number;
  confidence: ConfidenceName | null;
  lastCheckInAt: Date | null;
  note: string | null;
}

/** The review's one statement answers in JSON; dates arrive as ISO text. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

interface FocusCount {
  id: string;
  label: string;
  count: number;
}

interface ReviewPayload {
  limits: { maxObjectivesPerTeam: number; maxKeyResultsPerObjective: number; maxKeyResultsPerPerson: number } | null;
  /** Teams with counted objectives at or beneath them (and the chosen team): [id, objectives, progress, on track, at risk, off track, none]. */
  rollups: [string, number, number, number, number, number, number][];
  overallProgress: number;
  attention: { total: number; items: Json<KeyResultItem>[] };
  stale: { total: number; items: Json<KeyResultItem>[] };
  focus: { teams: FocusCount[]; objectives: FocusCount[]; people: FocusCount[] };
  summary: ChangeSummary;
  objectives: (ObjectiveChange & { title: string })[];
  keyResults: (KeyResultChange & { title: string; objectiveTitle: string; isNew: boolean })[];
  targetChanges: {
    id: string;
    at: string;
    reason: string | null;
    actorName: string;
    keyResultId: string;
    keyResultTitle: string;
    measure: { type: string; unit: string };
    objectiveId: string;
    objectiveTitle: string;
    before: Record<string, string> | null;
    after: Record<string, string> | null;
  }[];
  added: { id: string; title: string; at: string; teamName: string | null; ownerName: string }[];
  abandoned: { id: string; title: string; at: string; reason: string | null; actorName: string; teamName: string | null }[];
}

const raw = Prisma.raw;

/**
 * Everything the review page shows apart from the team tree, in one statement: Postgres rolls progress and key-result
 * confidence up the team tree, works out each key result's progress then (from check_in_versions) and each objective's
 * then and now, and sends back only what is shown: a row per team with objectives, the lists (100 each), the movers (30
 * objectives, 50 key results) and counts. The maths is lib/progress's, in SQL (./progress-sql.ts), to the same numbers.
 */
function reviewStatement(orgId: string, cycleId: string, since: Date, staleBefore: Date, scope: string[] | null, teamId: string | null): Prisma.Sql {
  const org = Prisma.sql`${orgId}::uuid`;
  const cycle = Prisma.sql`${cycleId}::uuid`;
  const sinceAt = Prisma.sql`${since}::timestamptz`;
  const inScope = (teamColumn: string) => Prisma.sql`(${scope}::uuid[] IS NULL OR ${raw(teamColumn)} = ANY(${scope}::uuid[]))`;
  const item = (list: string, withNote: boolean) => Prisma.sql`(SELECT coalesce(json_agg(json_build_object('id', a.id, 'title', a.title, 'objectiveId', o.id,
      'objectiveTitle', o.title, 'teamName', t.name, 'ownerName', u.name, 'progress', a.progress, 'confidence', a.confidence,
      'lastCheckInAt', a.last_check_in_at,
      'note', ${raw(withNote ? "(SELECT c.note FROM check_ins c WHERE c.key_result_id = a.id ORDER BY c.week DESC LIMIT 1)" : "NULL")}) ORDER BY a.rank), '[]')
    FROM ${raw(list)} a JOIN objectives o ON o.id = a.objective_id JOIN users u ON u.id = a.owner_id LEFT JOIN teams t ON t.id = o.team_id)`;
  const focusCounts = (list: string) => Prisma.sql`(SELECT coalesce(json_agg(json_build_object('id', f.id, 'label', f.label, 'count', f.n)), '[]') FROM ${raw(list)} f)`;

  return Prisma.sql`
  WITH RECURSIVE
  closure AS (
    SELECT t.id AS ancestor, t.id AS descendant FROM teams t WHERE t.organization_id = ${org}
    UNION ALL
    SELECT closure.ancestor, t.id FROM closure JOIN teams t ON t.parent_id = closure.descendant AND t.organization_id = ${org}),
  own_progress AS (
    SELECT team_id, count(*) AS n, sum(progress) AS total FROM objectives
     WHERE organization_id = ${org} AND cycle_id = ${cycle} AND state IN ('active', 'done') AND team_id IS NOT NULL GROUP BY team_id),
  cycle_krs AS MATERIALIZED (
    SELECT k.objective_id, k.owner_id, k.confidence, o.state, o.team_id
      FROM key_results k JOIN objectives o ON o.id = k.objective_id AND o.organization_id = ${org}
     WHERE k.organization_id = ${org} AND k.cycle_id = ${cycle}),
  own_confidence AS (
    SELECT team_id,
           count(*) FILTER (WHERE confidence = 'on_track') AS on_track, count(*) FILTER (WHERE confidence = 'at_risk') AS at_risk,
           count(*) FILTER (WHERE confidence = 'off_track') AS off_track, count(*) FILTER (WHERE confidence IS NULL) AS none
      FROM cycle_krs WHERE state IN ('draft', 'active', 'done') AND team_id IS NOT NULL GROUP BY team_id),
  rollup AS (
    SELECT cl.ancestor AS team_id, coalesce(sum(p.n), 0) AS n, coalesce(sum(p.total), 0) AS total,
           coalesce(sum(c.on_track), 0) AS on_track, coalesce(sum(c.at_risk), 0) AS at_risk,
           coalesce(sum(c.off_track), 0) AS off_track, coalesce(sum(c.none), 0) AS none
      FROM closure cl LEFT JOIN own_progress p ON p.team_id = cl.descendant LEFT JOIN own_confidence c ON c.team_id = cl.descendant
     GROUP BY cl.ancestor),
  attention AS (
    SELECT k.id, k.title, k.objective_id, k.owner_id, k.progress, k.confidence, k.last_check_in_at,
           count(*) OVER () AS total, row_number() OVER (ORDER BY k.confidence DESC, k.progress ASC, k.id) AS rank
      FROM key_results k JOIN objectives o ON o.id = k.objective_id
     WHERE k.organization_id = ${org} AND k.cycle_id = ${cycle} AND k.confidence IN ('at_risk', 'off_track')
       AND o.state IN ('draft', 'active') AND ${inScope("o.team_id")}
     ORDER BY k.confidence DESC, k.progress ASC, k.id
     LIMIT ${LIST_LIMIT}),
  stale AS (
    SELECT k.id, k.title, k.objective_id, k.owner_id, k.progress, k.confidence, k.last_check_in_at,
           count(*) OVER () AS total, row_number() OVER (ORDER BY k.last_check_in_at ASC NULLS FIRST, k.id) AS rank
      FROM key_results k JOIN objectives o ON o.id = k.objective_id
     WHERE k.organization_id = ${org} AND k.cycle_id = ${cycle} AND o.state = 'active'
       AND coalesce(k.last_check_in_at, k.created_at) < ${staleBefore}::timestamptz AND ${inScope("o.team_id")}
     ORDER BY k.last_check_in_at ASC NULLS FIRST, k.id
     LIMIT ${LIST_LIMIT}),
  -- Every key result of the objectives that can have moved since the date (one of their key results checked in or
  -- created since), with what it stood at then: an objective's progress then and now needs all its key results.
  moved_objectives AS (
    SELECT DISTINCT k.objective_id FROM key_results k JOIN objectives o ON o.id = k.objective_id
     WHERE k.organization_id = ${org} AND k.cycle_id = ${cycle} AND ${movedSince(since)} AND ${inScope("o.team_id")}),
  moved AS (
    SELECT k.id, k.title, k.objective_id, k.type, k.direction, k.start_value, k.target_value, k.confidence, k.weight, k.progress,
           k.created_at >= ${sinceAt} AS is_new, ${movedSince(since)} AS moved,
           then_v.value AS then_value, then_v.confidence AS then_confidence
      FROM key_results k
      JOIN moved_objectives mo ON mo.objective_id = k.objective_id
      ${valueThenJoin(since)}
     WHERE k.organization_id = ${org}),
  -- lib/review/changes.ts keyResultChanges (./value-then.ts changeColumns).
  kr_change AS (
    SELECT c.id, c.objective_id, c.title, c.is_new, c.moved, c.weight, c.progress AS now_js, c.then_js, c.then_confidence_shown AS then_confidence,
           c.confidence AS now_confidence, c.trend, ${raw(asNumber("c.progress - c.then_js"))} AS delta
      FROM (SELECT m.*, ${changeColumns("m")} FROM moved m) c),
  -- objectiveChanges: the weighted mean of the key results then (those that existed) and now.
  objective_change AS (
    SELECT c.objective_id, c.then_exact, c.now_exact, ${raw(asNumber(`${asNumberDecimal("c.now_exact")} - ${asNumberDecimal("c.then_exact")}`))} AS delta
      FROM (SELECT objective_id, ${raw(weightedMeanSql("then_js", "weight", "NOT is_new"))} AS then_exact, ${raw(weightedMeanSql("now_js", "weight"))} AS now_exact
              FROM kr_change GROUP BY objective_id) c),
  focus_teams AS (
    SELECT t.id, t.name AS label, count(*) AS n
      FROM objectives o JOIN teams t ON t.id = o.team_id AND t.organization_id = ${org}
     WHERE o.organization_id = ${org} AND o.cycle_id = ${cycle} AND o.state IN ('active', 'draft') AND o.level <> 'personal' AND ${inScope("o.team_id")}
     GROUP BY t.id, t.name HAVING count(*) > (SELECT max_objectives_per_team FROM organizations WHERE id = ${org})),
  focus_objectives AS (
    SELECT o.id, o.title AS label, c.n
      FROM (SELECT objective_id, count(*) AS n FROM cycle_krs WHERE state IN ('active', 'draft') AND ${inScope("team_id")}
             GROUP BY objective_id HAVING count(*) > (SELECT max_key_results_per_objective FROM organizations WHERE id = ${org})) c
      JOIN objectives o ON o.id = c.objective_id),
  focus_people AS (
    SELECT u.id, u.name AS label, c.n
      FROM (SELECT owner_id, count(*) AS n FROM cycle_krs WHERE state IN ('active', 'draft')
             GROUP BY owner_id HAVING count(*) > (SELECT max_key_results_per_person FROM organizations WHERE id = ${org})) c
      JOIN users u ON u.id = c.owner_id)
  SELECT json_build_object(
    'limits', (SELECT json_build_object('maxObjectivesPerTeam', max_objectives_per_team, 'maxKeyResultsPerObjective', max_key_results_per_objective,
                                        'maxKeyResultsPerPerson', max_key_results_per_person) FROM organizations WHERE id = ${org}),
    'rollups', (SELECT coalesce(json_agg(json_build_array(r.team_id, r.n, ${raw(asNumber(meanSql("r.total", "r.n")))}, r.on_track, r.at_risk, r.off_track, r.none)), '[]')
                  FROM rollup r WHERE r.n > 0 OR r.team_id = ${teamId}::uuid),
    'overallProgress', ${
      teamId
        ? Prisma.sql`(SELECT ${raw(asNumber(meanSql("r.total", "r.n")))} FROM rollup r WHERE r.team_id = ${teamId}::uuid)`
        : Prisma.sql`(SELECT ${raw(asNumber(meanSql("sum(progress)", "count(*)")))} FROM objectives WHERE organization_id = ${org} AND cycle_id = ${cycle} AND state IN ('active', 'done'))`
    },
    'attention', json_build_object('total', coalesce((SELECT max(total) FROM attention), 0), 'items', ${item("attention", true)}),
    'stale', json_build_object('total', coalesce((SELECT max(total) FROM stale), 0), 'items', ${item("stale", false)}),
    'focus', json_build_object('teams', ${focusCounts("focus_teams")}, 'objectives', ${focusCounts("focus_objectives")}, 'people', ${focusCounts("focus_people")}),
    'summary', (SELECT json_build_object('improved', count(*) FILTER (WHERE delta > 0), 'declined', count(*) FILTER (WHERE delta < 0),
                                         'confidenceWorse', count(*) FILTER (WHERE trend < 0), 'confidenceBetter', count(*) FILTER (WHERE trend > 0))
                  FROM kr_change WHERE moved),
    'objectives', (SELECT coalesce(json_agg(json_build_object('objectiveId', s.objective_id, 'progressThen', ${raw(asNumber("s.then_exact"))},
                                                              'progressNow', ${raw(asNumber("s.now_exact"))}, 'delta', s.delta, 'title', coalesce(s.title, ''))
                                            ORDER BY abs(s.delta) DESC, s.objective_id), '[]')
                     FROM (SELECT c.*, o.title FROM objective_change c LEFT JOIN objectives o ON o.id = c.objective_id AND o.cycle_id = ${cycle}
                            WHERE c.delta <> 0 ORDER BY abs(c.delta) DESC, c.objective_id LIMIT ${MOVERS.objectives}) s),
    'keyResults', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'objectiveId', s.objective_id, 'progressThen', ${raw(asNumber("s.then_js"))},
                                                              'progressNow', ${raw(asNumber("s.now_js"))}, 'delta', s.delta, 'confidenceThen', s.then_confidence,
                                                              'confidenceNow', s.now_confidence, 'confidenceTrend', s.trend, 'title', s.title,
                                                              'objectiveTitle', coalesce(s.objective_title, ''), 'isNew', s.is_new)
                                            ORDER BY abs(s.delta) DESC, s.trend, s.id), '[]')
                     FROM (SELECT c.*, o.title AS objective_title FROM kr_change c LEFT JOIN objectives o ON o.id = c.objective_id AND o.cycle_id = ${cycle}
                            WHERE c.moved AND (c.delta <> 0 OR c.trend <> 0) ORDER BY abs(c.delta) DESC, c.trend, c.id LIMIT ${MOVERS.keyResults}) s),
    'targetChanges', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'at', s.created_at, 'reason', s.reason, 'actorName', coalesce(s.actor_name, 'Keel'),
                                                                 'keyResultId', s.key_result_id, 'keyResultTitle', s.key_result_title,
                                                                 'measure', json_build_object('type', s.type, 'unit', s.unit),
                                                                 'objectiveId', s.objective_id, 'objectiveTitle', s.objective_title, 'before', s.before, 'after', s.after)
                                               ORDER BY s.created_at DESC, s.id), '[]')
                        FROM (SELECT a.id, a.created_at, a.reason, a.before, a.after, u.name AS actor_name, k.id AS key_result_id, k.title AS key_result_title,
                                     k.type, k.unit, o.id AS objective_id, o.title AS objective_title
                                FROM audit_events a
                                JOIN key_results k ON k.id = a.entity_id AND k.cycle_id = ${cycle}
                                JOIN objectives o ON o.id = k.objective_id
                                LEFT JOIN users u ON u.id = a.actor_id
                               WHERE a.organization_id = ${org} AND a.action = 'keyresult.target_changed' AND a.created_at >= ${sinceAt} AND ${inScope("o.team_id")}
                               ORDER BY a.created_at DESC, a.id LIMIT ${LIST_LIMIT}) s),
    'added', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'title', s.title, 'at', s.created_at, 'teamName', s.team_name, 'ownerName', s.owner_name)
                                       ORDER BY s.created_at DESC, s.id), '[]')
                FROM (SELECT o.id, o.title, o.created_at, t.name AS team_name, u.name AS owner_name
                        FROM objectives o JOIN users u ON u.id = o.owner_id LEFT JOIN teams t ON t.id = o.team_id
                       WHERE o.organization_id = ${org} AND o.cycle_id = ${cycle} AND o.created_at >= ${sinceAt} AND ${inScope("o.team_id")}
                       ORDER BY o.created_at DESC, o.id LIMIT ${LIST_LIMIT}) s),
    'abandoned', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'title', s.title, 'at', s.created_at, 'reason', s.reason,
                                                             'actorName', coalesce(s.actor_name, 'Keel'), 'teamName', s.team_name) ORDER BY s.created_at DESC, s.audit_id), '[]')
                    FROM (SELECT o.id, o.title, a.reason, a.created_at, a.id AS audit_id, u.name AS actor_name, t.name AS team_name
                            FROM audit_events a
                            JOIN objectives o ON o.id = a.entity_id AND o.cycle_id = ${cycle}
                            LEFT JOIN users u ON u.id = a.actor_id
                            LEFT JOIN teams t ON t.id = o.team_id
                           WHERE a.organization_id = ${org} AND a.action = 'objective.abandoned' AND a.created_at >= ${sinceAt} AND ${inScope("o.team_id")}
                           ORDER BY a.created_at DESC, a.id LIMIT ${LIST_LIMIT}) s)
  )::text AS payload`;
}

const toItem = (r: Json<KeyResultItem>): KeyResultItem => ({ ...r, lastCheckInAt: r.lastCheckInAt === null ? null : new Date(r.lastCheckInAt) });

export interface LoadReviewOptions {
  now?: Date;
  /** How deep the team table goes (0 = the top level); teams with objectives further down are counted, not listed. */
  teamDepth?: number;
  db?: ReadDb;
  /** Only a team the picker offers (not archived) narrows the review; another is ignored (`scope` says what was used). */
  pickableTeamOnly?: boolean;
}

/**
 * Everything the review page shows for a cycle, in one read transaction with the read timeout (lib/db/read.ts): the
 * organisation's teams (for the picker, the chosen team's subtree and the table's order), then one statement for the
 * rest. `teamOptions` is the picker; `scope` the team the review is narrowed to, or null.
 */
export async function loadReview(orgId: string, cycle: ReviewCycle, since: Date, teamId: string | null, options: LoadReviewOptions = {}) {
  const now = options.now ?? new Date();
  const teamDepth = options.teamDepth ?? Infinity;
  const staleBefore = new Date(now.getTime() - STALE_DAYS * 86_400_000);
  return readTransaction(options.db ?? readDb(), async (tx: ReadTx) => {
    const teams: ReviewTeam[] = await tx.team.findMany({ where: { organizationId: orgId }, select: { id: true, name: true, parentId: true, archivedAt: true }, orderBy: { name: "asc" } });
    const asked = teamId ? teams.find((t) => t.id === teamId) : undefined;
    const chosen = asked && !(options.pickableTeamOnly && asked.archivedAt) ? asked.id : null;
    const scope = subtree(teams, chosen);
    const [row] = await tx.$queryRaw<{ payload: string }[]>(reviewStatement(orgId, cycle.id, since, staleBefore, scope, chosen));
    const review = JSON.parse(row!.payload) as ReviewPayload;
    if (!review.limits) throw notFound("That organisation");
    return shapeReview(review, { cycle, since, teams, chosen, scope, teamDepth });
  });
}

function shapeReview(
  review: ReviewPayload,
  context: { cycle: ReviewCycle; since: Date; teams: ReviewTeam[]; chosen: string | null; scope: string[] | null; teamDepth: number },
) {
  const { cycle, since, teams, chosen, scope, teamDepth } = context;
  const rollups = new Map(review.rollups.map(([id, n, progress, onTrack, atRisk, offTrack, none]) => [id, { n, progress, confidence: { on_track: onTrack, at_risk: atRisk, off_track: offTrack, none } }]));
  const teamRows: TeamRow[] = orderTeams(teams, scope ? new Set(scope) : null).map(({ team, depth }) => {
    const r = rollups.get(team.id);
    return {
      id: team.id,
      name: team.name,
      parentId: team.parentId,
      depth,
      progress: r?.progress ?? 0,
      objectiveCount: r?.n ?? 0,
      confidence: r?.confidence ?? { on_track: 0, at_risk: 0, off_track: 0, none: 0 },
    };
  });
  const counts = (rows: FocusCount[]) => rows.map((r) => [r.id, r.count] as const);
  const labels = (rows: FocusCount[]) => new Map(rows.map((r) => [r.id, r.label]));
  const warnings = warningsFromCounts({ limits: review.limits!, teams: counts(review.focus.teams), objectives: counts(review.focus.objectives), people: counts(review.focus.people) });
  const [teamNames, titles, names] = [labels(review.focus.teams), labels(review.focus.objectives), labels(review.focus.people)];
  const focus: FocusWarnings = {
    limits: warnings.limits,
    teams: warnings.teams.map((t) => ({ ...t, name: teamNames.get(t.teamId) })),
    objectives: warnings.objectives.map((o) => ({ ...o, title: titles.get(o.objectiveId) })),
    people: warnings.people.map((p) => ({ ...p, name: names.get(p.userId) })),
  };
  const { summary, objectives, keyResults, targetChanges, added, abandoned } = review;
  return {
    cycle,
    since,
    scope: chosen,
    teamOptions: teamOptions(teams),
    overallProgress: review.overallProgress,
    focus,
    teams: teamRows.filter((t) => (t.objectiveCount > 0 || t.id === chosen) && t.depth <= teamDepth),
    hiddenTeamCount: teamRows.filter((t) => t.objectiveCount > 0 && t.depth > teamDepth).length,
    attention: { total: review.attention.total, items: review.attention.items.map(toItem) },
    stale: { total: review.stale.total, items: review.stale.items.map(toItem) },
    changes: {
      summary,
      objectives,
      keyResults,
      targetChanges: targetChanges.map((t) => ({ ...t, at: new Date(t.at) })),
      added: added.map((o) => ({ ...o, at: new Date(o.at) })),
      abandoned: abandoned.map((o) => ({ ...o, at: new Date(o.at) })),
    },
  };
}

export type ReviewData = Awaited<ReturnType<typeof loadReview>>;
