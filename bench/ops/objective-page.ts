import { expectSame, objectiveLinks, section } from "./html";
import { decimalText, isoInstant, progressSeriesCtes, seriesJson } from "./sql";
import { TARGETS, type CompareOp } from "./types";

/**
 * The objective the page is measured on: in the active cycle, at least two alignment steps below the top (so its why
 * chain has two steps or more), with the most comments, then the most aligned beneath it. Picked by the data, so the
 * same seed and size always measure the same page.
 */
const PICK_SQL = `
  WITH beneath AS (
    SELECT coalesce(a.parent_objective_id, k.objective_id) AS id, count(*) AS n
      FROM objectives a LEFT JOIN key_results k ON k.id = a.parent_key_result_id
     WHERE a.organization_id = $1 AND a.cycle_id = $2 AND (a.parent_objective_id IS NOT NULL OR a.parent_key_result_id IS NOT NULL)
     GROUP BY 1),
  talk AS (
    SELECT c.objective_id AS id, count(*) AS n FROM comments c WHERE c.organization_id = $1 GROUP BY 1)
  SELECT o.id
    FROM objectives o
    JOIN objectives p ON p.id = coalesce(o.parent_objective_id, (SELECT objective_id FROM key_results WHERE id = o.parent_key_result_id))
    LEFT JOIN talk t ON t.id = o.id
    LEFT JOIN beneath b ON b.id = o.id
   WHERE o.organization_id = $1 AND o.cycle_id = $2 AND o.state = 'active'
     AND (p.parent_objective_id IS NOT NULL OR p.parent_key_result_id IS NOT NULL)
   ORDER BY coalesce(t.n, 0) DESC, coalesce(b.n, 0) DESC, o.id
   LIMIT 1`;

const uuidText = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

/**
 * What lib/objectives/queries.ts `getObjectivePage` reads, in one statement: the objective with its cycle, team, owner
 * and key results (with owners); its why chain up to the top (recursive), each step with the key result it goes
 * through; what is aligned beneath it or its key results; comments; its and its key results' last 100 audit events
 * with the names and titles they refer to; every check-in of its key results; and its weekly progress series.
 * $1 organisation, $2 objective, $3 now.
 */
const FLOOR_SQL = `
  WITH RECURSIVE
  ob AS (
    SELECT o.*, c.name AS cycle_name, c.state AS cycle_state, c.start_date, c.end_date, t.name AS team_name, u.name AS owner_name
      FROM objectives o
      JOIN cycles c ON c.id = o.cycle_id
      JOIN users u ON u.id = o.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
     WHERE o.id = $2 AND o.organization_id = $1),
  krs AS (
    SELECT k.*, u.name AS owner_name FROM key_results k JOIN users u ON u.id = k.owner_id WHERE k.objective_id = $2 AND k.organization_id = $1),
  up AS (
    SELECT o.id, o.parent_objective_id, o.parent_key_result_id, 0 AS depth FROM objectives o WHERE o.id = $2 AND o.organization_id = $1
    UNION ALL
    SELECT p.id, p.parent_objective_id, p.parent_key_result_id, up.depth + 1
      FROM up
      LEFT JOIN key_results k ON k.id = up.parent_key_result_id AND k.organization_id = $1
      JOIN objectives p ON p.id = coalesce(up.parent_objective_id, k.objective_id) AND p.organization_id = $1
     WHERE up.depth < 64),
  ev AS (
    SELECT a.id, a.action, a.entity_type, a.entity_id, a.before, a.after, a.reason, a.created_at, u.name AS actor_name
      FROM (SELECT a.* FROM audit_events a WHERE a.organization_id = $1 AND a.entity_type = 'objective' AND a.entity_id = $2
            UNION ALL
            SELECT a.* FROM krs JOIN audit_events a ON a.organization_id = $1 AND a.entity_type = 'key_result' AND a.entity_id = krs.id) a
      LEFT JOIN users u ON u.id = a.actor_id
     ORDER BY a.created_at DESC LIMIT 100),
  refs AS (
    SELECT side->>'ownerId' AS owner_id, side->>'parentObjectiveId' AS objective_id, side->>'parentKeyResultId' AS key_result_id
      FROM ev CROSS JOIN LATERAL (VALUES (ev.before), (ev.after)) s(side)
     WHERE jsonb_typeof(side) = 'object'),
  me AS (SELECT $2::uuid AS id),
  ${progressSeriesCtes("me", "$1", "($3::timestamptz AT TIME ZONE 'UTC')::date")}
  SELECT json_build_object(
    'objective', (SELECT json_build_object(
        'id', o.id, 'cycleId', o.cycle_id, 'level', o.level, 'teamId', o.team_id, 'ownerId', o.owner_id, 'title', o.title, 'whyItMatters', o.why_it_matters,
        'kind', o.kind, 'state', o.state, 'parentObjectiveId', o.parent_objective_id, 'parentKeyResultId', o.parent_key_result_id, 'position', o.position,
        'progress', ${decimalText("o.progress")}, 'abandonReason', o.abandon_reason, 'version', o.version,
        'createdAt', ${isoInstant("o.created_at")}, 'updatedAt', ${isoInstant("o.updated_at")},
        'cycle', json_build_object('id', o.cycle_id, 'name', o.cycle_name, 'state', o.cycle_state, 'startDate', to_char(o.start_date, 'YYYY-MM-DD'), 'endDate', to_char(o.end_date, 'YYYY-MM-DD')),
        'team', CASE WHEN o.team_id IS NULL THEN NULL ELSE json_build_object('id', o.team_id, 'name', o.team_name) END,
        'owner', json_build_object('id', o.owner_id, 'name', o.owner_name),
        'keyResults', (SELECT coalesce(json_agg(json_build_object(
            'id', k.id, 'objectiveId', k.objective_id, 'cycleId', k.cycle_id, 'ownerId', k.owner_id, 'title', k.title, 'type', k.type, 'direction', k.direction,
            'startValue', ${decimalText("k.start_value")}, 'targetValue', ${decimalText("k.target_value")}, 'currentValue', ${decimalText("k.current_value")},
            'unit', k.unit, 'milestones', to_json(k.milestones), 'weight', ${decimalText("k.weight")}, 'position', k.position, 'progress', ${decimalText("k.progress")},
            'confidence', k.confidence, 'lastCheckInAt', ${isoInstant("k.last_check_in_at")}, 'score', ${decimalText("k.score")}, 'version', k.version,
            'createdAt', ${isoInstant("k.created_at")}, 'updatedAt', ${isoInstant("k.updated_at")}, 'owner', json_build_object('id', k.owner_id, 'name', k.owner_name)
          ) ORDER BY k.position), '[]') FROM krs k)
      ) FROM ob o),
    'chain', (SELECT coalesce(json_agg(json_build_object(
        'id', o.id, 'title', o.title, 'level', o.level, 'progress', o.progress, 'teamName', t.name, 'ownerName', u.name,
        'viaKeyResult', CASE WHEN below.parent_key_result_id IS NULL THEN NULL ELSE json_build_object('id', below.parent_key_result_id, 'title', coalesce(pk.title, '')) END
      ) ORDER BY up.depth), '[]')
      FROM up
      JOIN up below ON below.depth = up.depth - 1
      JOIN objectives o ON o.id = up.id
      JOIN users u ON u.id = o.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
      LEFT JOIN key_results pk ON pk.id = below.parent_key_result_id),
    'aligned', (SELECT coalesce(json_agg(json_build_object(
        'id', a.id, 'title', a.title, 'level', a.level, 'state', a.state, 'progress', ${decimalText("a.progress")}, 'parentKeyResultId', a.parent_key_result_id,
        'team', CASE WHEN a.team_id IS NULL THEN NULL ELSE json_build_object('id', t.id, 'name', t.name) END, 'owner', json_build_object('name', u.name)
      ) ORDER BY a.level, a.position), '[]')
      FROM objectives a JOIN users u ON u.id = a.owner_id LEFT JOIN teams t ON t.id = a.team_id
      WHERE a.organization_id = $1 AND (a.parent_objective_id = $2 OR a.parent_key_result_id IN (SELECT id FROM krs))),
    'comments', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'body', c.body, 'createdAt', ${isoInstant("c.created_at")}, 'author', json_build_object('id', u.id, 'name', u.name))
      ORDER BY c.created_at), '[]')
      FROM comments c JOIN users u ON u.id = c.author_id WHERE c.organization_id = $1 AND c.objective_id = $2),
    'events', (SELECT coalesce(json_agg(json_build_object('id', e.id, 'action', e.action, 'entityType', e.entity_type, 'entityId', e.entity_id, 'before', e.before, 'after', e.after,
        'reason', e.reason, 'createdAt', ${isoInstant("e.created_at")}, 'actorName', e.actor_name) ORDER BY e.created_at DESC), '[]') FROM ev e),
    'names', json_build_object(
      'users', (SELECT coalesce(json_object_agg(u.id, u.name), '{}') FROM users u
                 WHERE u.id IN (SELECT owner_id::uuid FROM refs WHERE owner_id ~ ${uuidText})
                   AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organization_id = $1)),
      'objectives', (SELECT coalesce(json_object_agg(o.id, o.title), '{}') FROM objectives o
                      WHERE o.organization_id = $1 AND o.id IN (SELECT objective_id::uuid FROM refs WHERE objective_id ~ ${uuidText})),
      'keyResults', (SELECT coalesce(json_object_agg(k.id, k.title), '{}') FROM key_results k
                      WHERE k.organization_id = $1 AND k.id IN (SELECT key_result_id::uuid FROM refs WHERE key_result_id ~ ${uuidText}))),
    'checkInHistory', (SELECT coalesce(json_object_agg(k.id, (
        SELECT coalesce(json_agg(json_build_object('week', to_char(c.week, 'YYYY-MM-DD'), 'value', ${decimalText("c.value")}, 'confidence', c.confidence) ORDER BY c.week), '[]')
          FROM check_ins c WHERE c.organization_id = $1 AND c.key_result_id = k.id)), '{}') FROM krs k),
    'progressHistory', ${seriesJson("$2::uuid")}
  )::text AS payload`;

interface FloorPage {
  objective: { keyResults: { id: string }[] };
  chain: { id: string }[];
  aligned: { id: string }[];
  comments: unknown[];
  events: unknown[];
  checkInHistory: Record<string, unknown[]>;
  progressHistory: unknown[];
}

export const objectivePage: CompareOp = {
  id: "objective-page",
  name: "objective page",
  kind: "read",
  mode: "compare",
  description:
    "GET /objectives/<id> as a member (an objective two alignment steps down, with comments); floors (the page's data, not its HTML): objective, key results, why chain, aligned beneath, comments, history with the names it cites, check-ins and progress series, by one query + JSON",
  targets: TARGETS.read,
  async serve(db, { orgId, params }) {
    return { status: 200, json: (await db.query<{ payload: string }>(FLOOR_SQL, [orgId, params.get("objective"), new Date().toISOString()])).rows[0]!.payload };
  },
  async prepare(ctx) {
    const { organizationId, cycles, users } = ctx.manifest;
    const picked = await ctx.pool.query<{ id: string }>(PICK_SQL, [organizationId, cycles.active.id]);
    const objectiveId = picked.rows[0]?.id;
    if (!objectiveId) throw new Error("no active objective two alignment steps down in this data");
    const cookie = await ctx.cookieHeader(users.member);
    return {
      keel: { request: () => ({ path: `/objectives/${objectiveId}`, headers: { cookie, accept: "text/html" } }) },
      user: users.member,
      floor: () => ({ params: { objective: objectiveId } }),
      verify(keel, floor) {
        const html = keel.body;
        const page = JSON.parse(floor) as FloorPage;
        const count = (testId: string) => html.split(`data-testid="${testId}"`).length - 1;
        expectSame("the key results", count("key-result"), page.objective.keyResults.length);
        expectSame("the why chain", objectiveLinks(section(html, 'data-testid="why-chain"', "ol")), page.chain.map((c) => c.id).reverse());
        expectSame("what is aligned beneath", objectiveLinks(section(html, 'id="aligned-heading"', "section")), page.aligned.map((a) => a.id));
        expectSame("the comments", count("comment"), page.comments.length);
        expectSame("the history", count("history-entry"), page.events.length);
        // Each chart's accessible summary says how many check-ins it draws ("…. 12 check-ins from …", or "No check-ins yet").
        const checkIns = [...html.matchAll(/data-testid="key-result-chart"><div role="img" aria-label="[^"]*?(?:\. (\d+) check-ins? from|No check-ins yet)/g)].map((m) => Number(m[1] ?? 0));
        expectSame("the check-ins per key result", checkIns, page.objective.keyResults.map((k) => page.checkInHistory[k.id]?.length ?? 0));
        const sparkline = /data-testid="sparkline"><svg[^>]*>(?:<line[^>]*><\/line>)*<path d="([^"]*)"/.exec(html);
        expectSame("the weeks of the progress series", sparkline ? sparkline[1]!.split(/[ML]/).filter((p) => p.trim()).length : 0, page.progressHistory.length);
      },
    };
  },
};
