import { FOCUS_SHOWN } from "../../lib/review/params";
import { expectSame, objectiveLinks, section } from "./html";
import { isoInstant, progressSql } from "./sql";
import { TARGETS, type CompareOp } from "./types";

/** Mirrors LIST_LIMIT and STALE_DAYS in lib/review/queries.ts. */
const LIST_LIMIT = 100;
const STALE_DAYS = 14;
const MOVERS = { objectives: 30, keyResults: 50 };

const measure = { type: "m.type", direction: "m.direction", start: "m.start_value", target: "m.target_value" };
const severity = (c: string) => `CASE ${c} WHEN 'on_track' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'off_track' THEN 2 END`;

/** The "at risk" or "quiet" list: objective, team and owner names (and the latest check-in's note) are read for the 100 listed only. */
const keyResultItems = (list: string, withNote: boolean) => `(SELECT coalesce(json_agg(json_build_object('id', a.id, 'title', a.title, 'objectiveId', o.id,
    'objectiveTitle', o.title, 'teamName', t.name, 'ownerName', u.name, 'progress', a.progress, 'confidence', a.confidence,
    'lastCheckInAt', ${isoInstant("a.last_check_in_at")},
    'note', ${withNote ? "(SELECT c.note FROM check_ins c WHERE c.key_result_id = a.id ORDER BY c.week DESC LIMIT 1)" : "NULL"}) ORDER BY a.rank), '[]')
  FROM ${list} a JOIN objectives o ON o.id = a.objective_id JOIN users u ON u.id = a.owner_id LEFT JOIN teams t ON t.id = o.team_id)`;

/**
 * What lib/review/queries.ts `loadReview` works out for the whole organisation, in one statement: progress and
 * key-result confidence by team, each team with every team beneath it (teams in tree order, siblings by name); the
 * organisation's progress; the key results at risk or off track and those without a check-in for 14 days (the first
 * 100 of each, and how many); the focus warnings (teams, objectives and people over the organisation's limits); and
 * what changed since the date: each key result checked in or created since, and its siblings (an objective's progress
 * then and now needs them all; one that did not move stood then where it stands now), with its progress then (from
 * check_in_versions, measured again) and now (as stored) and its confidence then and now, the summary of
 * those moves, the objectives and key results that moved most, target changes, objectives added and abandoned. Also
 * the team picker's labels.
 * $1 organisation, $2 cycle, $3 since (midnight UTC), $4 "stale" cut-off (now minus 14 days).
 */
const FLOOR_SQL = `
  WITH RECURSIVE
  tree AS (
    SELECT t.id, t.parent_id, t.name, t.archived_at, ARRAY[t.name::text, t.id::text] AS path, t.name::text AS label, 0 AS depth
      FROM teams t WHERE t.organization_id = $1 AND t.parent_id IS NULL
    UNION ALL
    SELECT c.id, c.parent_id, c.name, c.archived_at, tree.path || ARRAY[c.name::text, c.id::text], tree.label || ' › ' || c.name, tree.depth + 1
      FROM teams c JOIN tree ON c.parent_id = tree.id WHERE c.organization_id = $1),
  closure AS (
    SELECT id AS ancestor, id AS descendant FROM teams WHERE organization_id = $1
    UNION ALL
    SELECT closure.ancestor, t.id FROM closure JOIN teams t ON t.parent_id = closure.descendant AND t.organization_id = $1),
  obj AS (
    SELECT id, team_id, progress, state, title, created_at, owner_id FROM objectives WHERE organization_id = $1 AND cycle_id = $2),
  own_progress AS (
    SELECT team_id, count(*) AS n, sum(progress) AS total FROM objectives
     WHERE organization_id = $1 AND cycle_id = $2 AND state IN ('active', 'done') AND team_id IS NOT NULL GROUP BY team_id),
  cycle_krs AS MATERIALIZED (
    SELECT k.objective_id, k.owner_id, k.confidence, o.state, o.team_id
      FROM key_results k JOIN objectives o ON o.id = k.objective_id AND o.organization_id = $1
     WHERE k.organization_id = $1 AND k.cycle_id = $2),
  own_confidence AS (
    SELECT team_id,
           count(*) FILTER (WHERE confidence = 'on_track') AS on_track, count(*) FILTER (WHERE confidence = 'at_risk') AS at_risk,
           count(*) FILTER (WHERE confidence = 'off_track') AS off_track, count(*) FILTER (WHERE confidence IS NULL) AS none
      FROM cycle_krs WHERE state IN ('draft', 'active', 'done') AND team_id IS NOT NULL
     GROUP BY team_id),
  rollup AS (
    SELECT cl.ancestor AS team_id, sum(p.n) AS n, sum(p.total) AS total,
           sum(c.on_track) AS on_track, sum(c.at_risk) AS at_risk, sum(c.off_track) AS off_track, sum(c.none) AS none
      FROM closure cl LEFT JOIN own_progress p ON p.team_id = cl.descendant LEFT JOIN own_confidence c ON c.team_id = cl.descendant
     GROUP BY cl.ancestor),
  attention AS (
    SELECT k.id, k.title, k.objective_id, k.owner_id, k.progress, k.confidence, k.last_check_in_at,
           count(*) OVER () AS total, row_number() OVER (ORDER BY k.confidence DESC, k.progress ASC, k.id) AS rank
      FROM key_results k
      JOIN objectives o ON o.id = k.objective_id
     WHERE k.organization_id = $1 AND k.cycle_id = $2 AND k.confidence IN ('at_risk', 'off_track') AND o.state IN ('draft', 'active')
     ORDER BY k.confidence DESC, k.progress ASC, k.id
     LIMIT ${LIST_LIMIT}),
  stale AS (
    SELECT k.id, k.title, k.objective_id, k.owner_id, k.progress, k.confidence, k.last_check_in_at,
           count(*) OVER () AS total, row_number() OVER (ORDER BY k.last_check_in_at ASC NULLS FIRST, k.id) AS rank
      FROM key_results k
      JOIN objectives o ON o.id = k.objective_id
     WHERE k.organization_id = $1 AND k.cycle_id = $2 AND o.state = 'active' AND coalesce(k.last_check_in_at, k.created_at) < $4
     ORDER BY k.last_check_in_at ASC NULLS FIRST, k.id
     LIMIT ${LIST_LIMIT}),
  moved_objectives AS (
    SELECT DISTINCT k.objective_id FROM key_results k
     WHERE k.organization_id = $1 AND k.cycle_id = $2 AND (k.last_check_in_at >= $3 OR k.created_at >= $3)),
  moved AS (
    SELECT k.id, k.title, k.objective_id, k.type, k.direction, k.start_value, k.target_value, k.current_value, k.confidence, k.weight, k.progress,
           k.created_at >= $3 AS is_new, coalesce(k.last_check_in_at >= $3 OR k.created_at >= $3, false) AS moved,
           then_v.value AS then_value, then_v.confidence AS then_confidence
      FROM key_results k
      JOIN moved_objectives mo ON mo.objective_id = k.objective_id
      LEFT JOIN LATERAL (
        SELECT v.value, v.confidence FROM check_ins c
        JOIN LATERAL (SELECT v.value, v.confidence FROM check_in_versions v WHERE v.check_in_id = c.id AND v.created_at < $3 ORDER BY v.version DESC LIMIT 1) v ON true
        WHERE c.key_result_id = k.id AND c.created_at < $3 AND (k.last_check_in_at >= $3 OR k.created_at >= $3)
        ORDER BY c.week DESC LIMIT 1) then_v ON true
     WHERE k.organization_id = $1),
  kr_change AS (
    SELECT m.id, m.objective_id, m.title, m.is_new, m.moved, m.weight, p.now_progress, p.then_progress, p.now_progress - p.then_progress AS delta,
           CASE WHEN m.moved THEN m.then_confidence ELSE m.confidence END AS then_confidence, m.confidence AS now_confidence,
           CASE WHEN NOT m.moved OR m.then_confidence IS NULL OR m.confidence IS NULL OR m.then_confidence = m.confidence THEN 0
                WHEN ${severity("m.confidence")} > ${severity("m.then_confidence")} THEN -1 ELSE 1 END AS trend
      FROM moved m
     CROSS JOIN LATERAL (SELECT m.progress AS now_progress,
                                CASE WHEN NOT m.moved THEN m.progress WHEN m.is_new THEN 0
                                     ELSE ${progressSql(measure, "coalesce(m.then_value, m.start_value)")} END AS then_progress) p),
  objective_change AS (
    SELECT c.objective_id,
           coalesce(sum(c.then_progress * c.weight) FILTER (WHERE NOT c.is_new AND c.weight > 0) / nullif(sum(c.weight) FILTER (WHERE NOT c.is_new AND c.weight > 0), 0), 0) AS then_progress,
           coalesce(sum(c.now_progress * c.weight) FILTER (WHERE c.weight > 0) / nullif(sum(c.weight) FILTER (WHERE c.weight > 0), 0), 0) AS now_progress
      FROM kr_change c GROUP BY c.objective_id),
  limits AS (
    SELECT max_objectives_per_team AS teams, max_key_results_per_objective AS objectives, max_key_results_per_person AS people FROM organizations WHERE id = $1),
  focus_teams AS (
    SELECT t.id, t.name, count(*) AS n
      FROM objectives o JOIN teams t ON t.id = o.team_id AND t.organization_id = $1
     WHERE o.organization_id = $1 AND o.cycle_id = $2 AND o.state IN ('active', 'draft') AND o.level <> 'personal'
     GROUP BY t.id, t.name HAVING count(*) > (SELECT teams FROM limits)),
  focus_objectives AS (
    SELECT o.id, o.title, c.n
      FROM (SELECT objective_id, count(*) AS n FROM cycle_krs WHERE state IN ('active', 'draft')
             GROUP BY objective_id HAVING count(*) > (SELECT objectives FROM limits)) c
      JOIN objectives o ON o.id = c.objective_id),
  focus_people AS (
    SELECT u.id, u.name, c.n
      FROM (SELECT owner_id, count(*) AS n FROM cycle_krs WHERE state IN ('active', 'draft')
             GROUP BY owner_id HAVING count(*) > (SELECT people FROM limits)) c
      JOIN users u ON u.id = c.owner_id)
  SELECT json_build_object(
    'focus', (SELECT json_build_object(
        'limits', json_build_object('maxObjectivesPerTeam', l.teams, 'maxKeyResultsPerObjective', l.objectives, 'maxKeyResultsPerPerson', l.people),
        'teams', (SELECT coalesce(json_agg(json_build_object('teamId', f.id, 'count', f.n, 'limit', l.teams, 'name', f.name) ORDER BY f.n DESC, f.id), '[]') FROM focus_teams f),
        'objectives', (SELECT coalesce(json_agg(json_build_object('objectiveId', f.id, 'count', f.n, 'limit', l.objectives, 'title', f.title) ORDER BY f.n DESC, f.id), '[]')
                         FROM focus_objectives f),
        'people', (SELECT coalesce(json_agg(json_build_object('userId', f.id, 'count', f.n, 'limit', l.people, 'name', f.name) ORDER BY f.n DESC, f.id), '[]') FROM focus_people f))
      FROM limits l),
    'teamOptions', (SELECT coalesce(json_agg(json_build_object('id', id, 'label', label) ORDER BY label), '[]') FROM tree WHERE archived_at IS NULL),
    'overallProgress', (SELECT coalesce(avg(progress), 0) FROM obj WHERE state IN ('active', 'done')),
    'teams', (SELECT coalesce(json_agg(json_build_object(
        'id', t.id, 'name', t.name, 'parentId', t.parent_id, 'depth', t.depth, 'progress', r.total / r.n, 'objectiveCount', r.n,
        'confidence', json_build_object('on_track', coalesce(r.on_track, 0), 'at_risk', coalesce(r.at_risk, 0), 'off_track', coalesce(r.off_track, 0), 'none', coalesce(r.none, 0))
      ) ORDER BY t.path), '[]')
      FROM tree t JOIN rollup r ON r.team_id = t.id WHERE r.n > 0 AND t.depth <= 1),
    'hiddenTeamCount', (SELECT count(*) FROM tree t JOIN rollup r ON r.team_id = t.id WHERE r.n > 0 AND t.depth > 1),
    'attention', json_build_object('total', coalesce((SELECT max(total) FROM attention), 0), 'items', ${keyResultItems("attention", true)}),
    'stale', json_build_object('total', coalesce((SELECT max(total) FROM stale), 0), 'items', ${keyResultItems("stale", false)}),
    'changes', json_build_object(
      'summary', (SELECT json_build_object('improved', count(*) FILTER (WHERE delta > 0), 'declined', count(*) FILTER (WHERE delta < 0),
                                           'confidenceWorse', count(*) FILTER (WHERE trend < 0), 'confidenceBetter', count(*) FILTER (WHERE trend > 0))
                    FROM kr_change WHERE moved),
      'objectives', (SELECT coalesce(json_agg(json_build_object('objectiveId', s.objective_id, 'progressThen', s.then_progress, 'progressNow', s.now_progress,
                                                                'delta', s.delta, 'title', s.title) ORDER BY abs(s.delta) DESC, s.objective_id), '[]')
                       FROM (SELECT c.*, c.now_progress - c.then_progress AS delta, o.title FROM objective_change c JOIN obj o ON o.id = c.objective_id
                              WHERE c.now_progress <> c.then_progress ORDER BY abs(c.now_progress - c.then_progress) DESC, c.objective_id LIMIT ${MOVERS.objectives}) s),
      'keyResults', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'objectiveId', s.objective_id, 'progressThen', s.then_progress, 'progressNow', s.now_progress,
                                                                'delta', s.delta, 'confidenceThen', s.then_confidence, 'confidenceNow', s.now_confidence,
                                                                'confidenceTrend', s.trend, 'title', s.title, 'objectiveTitle', s.objective_title, 'isNew', s.is_new)
                                             ORDER BY abs(s.delta) DESC, s.trend, s.id), '[]')
                       FROM (SELECT c.*, o.title AS objective_title FROM kr_change c JOIN obj o ON o.id = c.objective_id
                              WHERE c.moved AND (c.delta <> 0 OR c.trend <> 0) ORDER BY abs(c.delta) DESC, c.trend, c.id LIMIT ${MOVERS.keyResults}) s),
      'targetChanges', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'at', ${isoInstant("s.created_at")}, 'reason', s.reason, 'actorName', coalesce(s.actor_name, 'Keel'),
                                                                   'keyResultId', s.key_result_id, 'keyResultTitle', s.key_result_title, 'measure', json_build_object('type', s.type, 'unit', s.unit),
                                                                   'objectiveId', s.objective_id, 'objectiveTitle', s.objective_title, 'before', s.before, 'after', s.after)
                                                ORDER BY s.created_at DESC, s.id), '[]')
                          FROM (SELECT a.id, a.created_at, a.reason, a.before, a.after, u.name AS actor_name, k.id AS key_result_id, k.title AS key_result_title,
                                       k.type, k.unit, o.id AS objective_id, o.title AS objective_title
                                  FROM audit_events a
                                  JOIN key_results k ON k.id = a.entity_id AND k.cycle_id = $2
                                  JOIN objectives o ON o.id = k.objective_id
                                  LEFT JOIN users u ON u.id = a.actor_id
                                 WHERE a.organization_id = $1 AND a.action = 'keyresult.target_changed' AND a.created_at >= $3
                                 ORDER BY a.created_at DESC, a.id LIMIT ${LIST_LIMIT}) s),
      'added', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'title', s.title, 'at', ${isoInstant("s.created_at")}, 'teamName', s.team_name, 'ownerName', s.owner_name)
                                         ORDER BY s.created_at DESC, s.id), '[]')
                  FROM (SELECT o.id, o.title, o.created_at, t.name AS team_name, u.name AS owner_name
                          FROM obj o JOIN users u ON u.id = o.owner_id LEFT JOIN teams t ON t.id = o.team_id
                         WHERE o.created_at >= $3 ORDER BY o.created_at DESC, o.id LIMIT ${LIST_LIMIT}) s),
      'abandoned', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'title', s.title, 'at', ${isoInstant("s.created_at")}, 'reason', s.reason,
                                                               'actorName', coalesce(s.actor_name, 'Keel'), 'teamName', s.team_name) ORDER BY s.created_at DESC, s.audit_id), '[]')
                      FROM (SELECT o.id, a.id AS audit_id, o.title, a.reason, a.created_at, u.name AS actor_name, t.name AS team_name
                              FROM audit_events a
                              JOIN objectives o ON o.id = a.entity_id AND o.cycle_id = $2
                              LEFT JOIN users u ON u.id = a.actor_id
                              LEFT JOIN teams t ON t.id = o.team_id
                             WHERE a.organization_id = $1 AND a.action = 'objective.abandoned' AND a.created_at >= $3
                             ORDER BY a.created_at DESC, a.id LIMIT ${LIST_LIMIT}) s))
  )::text AS payload`;

interface FloorItem {
  objectiveId: string;
  teamName: string | null;
}

interface FloorReview {
  focus: { teams: unknown[]; objectives: { objectiveId: string }[]; people: unknown[] };
  teams: { id: string; objectiveCount: number }[];
  attention: { total: number; items: FloorItem[] };
  stale: { total: number; items: FloorItem[] };
  changes: {
    summary: { improved: number; declined: number; confidenceWorse: number; confidenceBetter: number };
    objectives: { delta: number }[];
    keyResults: { delta: number }[];
    targetChanges: unknown[];
    added: { id: string }[];
    abandoned: { id: string }[];
  };
}

/** The movements as the page prints them (components `Delta`): one decimal, "±0" for none. */
function shownDeltas(html: string): string[] {
  return [...html.matchAll(/(±0|[+-]?\d+(?:\.\d)?(?:<!-- -->)? pts)<\/span>/g)].map((m) => m[1]!.replace("<!-- -->", ""));
}

function asShown(delta: number): string {
  const rounded = Math.round(delta * 10) / 10;
  return rounded === 0 ? "±0" : `${rounded > 0 ? `+${rounded}` : rounded} pts`;
}

/** The page lists the key results at risk under their team (or "Company"), teams in the order of their first key result. */
function byTeam(items: FloorItem[]): FloorItem[] {
  const groups = new Map<string, FloorItem[]>();
  for (const item of items) groups.set(item.teamName ?? "Company", [...(groups.get(item.teamName ?? "Company") ?? []), item]);
  return [...groups.values()].flat();
}

const magnitude = (shown: string) => shown.replace(/^[+-]/, "");

/** The numbers in a piece of HTML, in order (React separates adjacent text with `<!-- -->`). */
const numbersIn = (html: string) => [...html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").matchAll(/\d+/g)].map((m) => Number(m[0]));

export const reviewPage: CompareOp = {
  id: "review-page",
  name: "review page",
  kind: "read",
  mode: "compare",
  description:
    "GET /review?cycle=<active>&since=<a week before the data's today> as a member; floors (the page's data, not its HTML): team roll-ups (two levels of the tree, as the page shows them, and how many teams lie deeper), focus warnings, at risk and quiet key results (top 100 + counts), what changed since (values then from check_in_versions, movers, summary), target changes, objectives added and abandoned, team picker, by one query (connections with JIT off, as Keel's) + JSON",
  targets: TARGETS.wholeCycleRead,
  async serve(db, { orgId, params }) {
    const staleBefore = new Date(Date.now() - STALE_DAYS * 86_400_000);
    const values = [orgId, params.get("cycle"), `${params.get("since")}T00:00:00.000Z`, staleBefore.toISOString()];
    return { status: 200, json: (await db.query<{ payload: string }>(FLOOR_SQL, values)).rows[0]!.payload };
  },
  async prepare(ctx) {
    const { cycles, users, today } = ctx.manifest;
    const since = new Date(Date.parse(`${today}T00:00:00.000Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    const cookie = await ctx.cookieHeader(users.member);
    return {
      keel: { request: () => ({ path: `/review?cycle=${cycles.active.id}&since=${since}`, headers: { cookie, accept: "text/html" } }) },
      user: users.member,
      floor: () => ({ params: { cycle: cycles.active.id, since } }),
      verify(keel, floor) {
        const html = keel.body;
        const review = JSON.parse(floor) as FloorReview;
        const { changes } = review;
        const teamLinks = [...section(html, 'data-testid="team-rollup"', "table").matchAll(/href="\/review\?[^"]*team=([0-9a-f-]{36})"/g)].map((m) => m[1]);
        expectSame("the teams and their order", teamLinks, review.teams.map((t) => t.id));
        const focus = section(html, 'data-testid="focus-warnings"', "ul");
        // The page shows the worst few of each kind (teams, objectives, people), in the floor's order, and how many in all.
        const kinds = [review.focus.teams, review.focus.objectives, review.focus.people].map((list) => list.length);
        expectSame("the focus warnings", focus.split("<li").length - 1, kinds.reduce((sum, n) => sum + Math.min(n, FOCUS_SHOWN), 0));
        expectSame("the objectives over their limit", objectiveLinks(focus), review.focus.objectives.slice(0, FOCUS_SHOWN).map((o) => o.objectiveId));
        const cut = kinds.filter((n) => n > FOCUS_SHOWN);
        expectSame("how many focus warnings the page leaves out", cut.length ? numbersIn(section(html, 'data-testid="focus-more"', "p")) : [], cut.length ? [FOCUS_SHOWN, ...cut] : []);
        expectSame("the count at risk", numbersIn(section(html, 'data-testid="attention-count"', "p")), [review.attention.total]);
        expectSame("the key results at risk, by team", objectiveLinks(section(html, 'id="attention-heading"', "section")), byTeam(review.attention.items).map((i) => i.objectiveId));
        expectSame("the quiet key results", objectiveLinks(section(html, 'id="stale-heading"', "section")), review.stale.items.map((i) => i.objectiveId));
        const summary = numbersIn(section(html, 'data-testid="change-summary"', "div")).slice(-4);
        expectSame("the summary of changes", summary, [changes.summary.improved, changes.summary.declined, changes.summary.confidenceWorse, changes.summary.confidenceBetter]);
        for (const [what, testId, movers] of [
          ["the objectives that moved most", "objective-movers", changes.objectives],
          ["the key results that moved most", "key-result-movers", changes.keyResults],
        ] as const) {
          // Movers tie often (a yes/no flips by 100 points): Keel keeps ties in the order Postgres returned its rows,
          // so compare how far each moved, in order, and which ways as a whole, leaving out the ties at the cut-off,
          // where either side may have kept a different few.
          const shown = shownDeltas(section(html, `data-testid="${testId}"`, "ul"));
          const expected = movers.map((m) => asShown(m.delta));
          expectSame(`${what} (how far)`, shown.map(magnitude), expected.map(magnitude));
          const cutOff = magnitude(expected[expected.length - 1] ?? "");
          const aboveCutOff = (list: string[]) => list.filter((d) => magnitude(d) !== cutOff).sort();
          expectSame(`${what} (which ways)`, aboveCutOff(shown), aboveCutOff(expected));
        }
        expectSame("the target changes", section(html, 'data-testid="target-changes"', "ul").split("<li").length - 1, changes.targetChanges.length);
        expectSame("the objectives added", objectiveLinks(section(html, 'data-testid="objectives-added"', "ul")), changes.added.map((o) => o.id));
        expectSame("the objectives abandoned", objectiveLinks(section(html, 'data-testid="objectives-abandoned"', "ul")), changes.abandoned.map((o) => o.id));
      },
    };
  },
};
