import { expectSame, flightText, valuesOfKey } from "./html";
import { TARGETS, type CompareOp, type PageOp } from "./types";

/**
 * The columnar TreePayload of lib/tree/payload.ts for one cycle, written by Postgres: objectives, key results, teams
 * and the people who own any of them, each numbered once (objectives by level, position and id; key results by
 * objective, position and id; teams and people by name and id), every reference turned into such a number. Each
 * column list is aggregated from rows sorted once in a subquery, rather than sorting again for every column.
 * $1 organisation, $2 cycle.
 */
const TREE_SQL = `
  WITH c AS (
    SELECT c.id, c.name, c.state, c.start_date, c.end_date, g.max_objectives_per_team, g.max_key_results_per_objective, g.max_key_results_per_person
      FROM cycles c JOIN organizations g ON g.id = c.organization_id
     WHERE c.id = $2 AND c.organization_id = $1),
  o AS (
    SELECT id, title, level, team_id, owner_id, state, kind, progress, parent_objective_id, parent_key_result_id,
           (row_number() OVER (ORDER BY level, position, id) - 1)::int AS i
      FROM objectives WHERE organization_id = $1 AND cycle_id = $2),
  k AS (
    SELECT id, objective_id, title, progress, confidence, owner_id, (row_number() OVER (ORDER BY objective_id, position, id) - 1)::int AS i
      FROM key_results WHERE organization_id = $1 AND cycle_id = $2),
  t AS (
    SELECT id, name, parent_id, archived_at IS NOT NULL AS archived, (row_number() OVER (ORDER BY name, id) - 1)::int AS i
      FROM teams WHERE organization_id = $1),
  p AS (
    SELECT id, name, (row_number() OVER (ORDER BY name, id) - 1)::int AS i
      FROM users WHERE id IN (SELECT owner_id FROM o UNION SELECT owner_id FROM k))
  SELECT json_build_object(
    'cycle', (SELECT json_build_object('id', id, 'name', name, 'state', state, 'startDate', start_date, 'endDate', end_date) FROM c),
    'limits', (SELECT json_build_object('maxObjectivesPerTeam', max_objectives_per_team, 'maxKeyResultsPerObjective', max_key_results_per_objective,
                                        'maxKeyResultsPerPerson', max_key_results_per_person) FROM c),
    'teams', (SELECT json_build_object('id', coalesce(json_agg(id), '[]'), 'name', coalesce(json_agg(name), '[]'), 'parent', coalesce(json_agg(parent), '[]'),
                                       'archived', coalesce(json_agg(archived), '[]'))
                FROM (SELECT t.id, t.name, coalesce(pt.i, -1) AS parent, t.archived FROM t LEFT JOIN t pt ON pt.id = t.parent_id ORDER BY t.i) s),
    'people', (SELECT json_build_object('id', coalesce(json_agg(id), '[]'), 'name', coalesce(json_agg(name), '[]')) FROM (SELECT id, name FROM p ORDER BY i) s),
    'objectives', (SELECT json_build_object(
        'id', coalesce(json_agg(id), '[]'), 'title', coalesce(json_agg(title), '[]'), 'level', coalesce(json_agg(level), '[]'), 'team', coalesce(json_agg(team), '[]'),
        'owner', coalesce(json_agg(owner), '[]'), 'state', coalesce(json_agg(state), '[]'), 'kind', coalesce(json_agg(kind), '[]'),
        'progress', coalesce(json_agg(progress), '[]'), 'parent', coalesce(json_agg(parent), '[]'), 'parentKr', coalesce(json_agg(parent_kr), '[]'))
      FROM (SELECT o.id, o.title, CASE o.level WHEN 'company' THEN 0 WHEN 'team' THEN 1 ELSE 2 END AS level, coalesce(t.i, -1) AS team, p.i AS owner,
                   CASE o.state WHEN 'draft' THEN 0 WHEN 'active' THEN 1 WHEN 'done' THEN 2 ELSE 3 END AS state, CASE o.kind WHEN 'committed' THEN 0 ELSE 1 END AS kind,
                   o.progress::float8 AS progress, coalesce(po.i, -1) AS parent, coalesce(pk.i, -1) AS parent_kr
              FROM o JOIN p ON p.id = o.owner_id LEFT JOIN t ON t.id = o.team_id LEFT JOIN o po ON po.id = o.parent_objective_id LEFT JOIN k pk ON pk.id = o.parent_key_result_id
             ORDER BY o.i) s),
    'keyResults', (SELECT json_build_object(
        'objective', coalesce(json_agg(objective), '[]'), 'title', coalesce(json_agg(title), '[]'), 'progress', coalesce(json_agg(progress), '[]'),
        'confidence', coalesce(json_agg(confidence), '[]'), 'owner', coalesce(json_agg(owner), '[]'))
      FROM (SELECT o.i AS objective, k.title, k.progress::float8 AS progress,
                   CASE k.confidence WHEN 'on_track' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'off_track' THEN 2 ELSE -1 END AS confidence, p.i AS owner
              FROM k JOIN o ON o.id = k.objective_id JOIN p ON p.id = k.owner_id ORDER BY k.i) s)
  )::text AS payload
  FROM c`;


export const treeData: CompareOp = {
  id: "tree-data",
  name: "alignment tree data",
  kind: "read",
  mode: "compare",
  description:
    "GET /api/v1/cycles/<active>/tree (the whole cycle's alignment tree, columnar JSON) as a member; floors: the same JSON, byte for byte, written by one query through pg (connections opened with JIT off, as Keel's)",
  targets: TARGETS.wholeCycleRead,
  async serve(db, { orgId, params }) {
    return { status: 200, json: (await db.query<{ payload: string }>(TREE_SQL, [orgId, params.get("cycle")])).rows[0]!.payload };
  },
  async prepare(ctx) {
    const { cycles, users } = ctx.manifest;
    const cookie = await ctx.cookieHeader(users.member);
    return {
      keel: { request: () => ({ path: `/api/v1/cycles/${cycles.active.id}/tree`, headers: { cookie, accept: "application/json" } }) },
      user: users.member,
      floor: () => ({ params: { cycle: cycles.active.id } }),
      verify(keel, floor) {
        if (keel.body !== floor) expectSame("the tree", JSON.parse(keel.body), JSON.parse(floor));
      },
    };
  },
};

/**
 * What the tree page renders on the server (lib/cycles/queries.ts `selectCycle`, lib/objectives/queries.ts
 * `listTeamOptions` and lib/tree/queries.ts `loadTreePreview`): the cycle; every team not archived with its path from
 * the top ("Sales › EMEA") for the team filter; and the company objectives aligned to nothing (the first 50), with their
 * owners and key results, drawn before the whole tree arrives. $1 organisation, $2 cycle.
 */
const PAGE_SQL = `
  WITH RECURSIVE tree AS (
    SELECT t.id, t.archived_at, t.name::text AS label FROM teams t WHERE t.organization_id = $1 AND t.parent_id IS NULL
    UNION ALL
    SELECT c.id, c.archived_at, tree.label || ' › ' || c.name FROM teams c JOIN tree ON c.parent_id = tree.id WHERE c.organization_id = $1),
  top AS (
    SELECT o.id, o.title, o.progress, o.owner_id, o.position FROM objectives o
     WHERE o.organization_id = $1 AND o.cycle_id = $2 AND o.level = 'company' AND o.parent_objective_id IS NULL AND o.parent_key_result_id IS NULL
     ORDER BY o.position, o.id LIMIT 50)
  SELECT json_build_object(
    'cycle', (SELECT json_build_object('id', c.id, 'name', c.name, 'state', c.state, 'startDate', c.start_date, 'endDate', c.end_date)
                FROM cycles c WHERE c.id = $2 AND c.organization_id = $1),
    'teams', (SELECT coalesce(json_agg(json_build_object('id', id, 'label', label) ORDER BY label), '[]') FROM tree WHERE archived_at IS NULL),
    'preview', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'title', t.title, 'progress', t.progress, 'owner', u.name,
                  'keyResults', (SELECT coalesce(json_agg(json_build_object('title', k.title, 'progress', k.progress, 'confidence', k.confidence) ORDER BY k.position, k.id), '[]')
                                   FROM key_results k WHERE k.objective_id = t.id AND k.organization_id = $1)) ORDER BY t.position, t.id), '[]')
                  FROM top t JOIN users u ON u.id = t.owner_id)
  )::text AS payload`;

const byId = (teams: { id: string; label: string }[]) => [...teams].sort((a, b) => a.id.localeCompare(b.id));

export const treePage: CompareOp = {
  id: "tree-page",
  name: "alignment tree page",
  kind: "read",
  mode: "compare",
  description:
    "GET /tree?cycle=<active> as a member (the HTML with the company objectives drawn; the browser then fetches the whole tree); floors (the page's data, not its HTML): the cycle, the team filter's labelled teams and the company objectives with their key results, by one query + JSON",
  targets: TARGETS.read,
  async serve(db, { orgId, params }) {
    return { status: 200, json: (await db.query<{ payload: string }>(PAGE_SQL, [orgId, params.get("cycle")])).rows[0]!.payload };
  },
  async prepare(ctx) {
    const { cycles, users } = ctx.manifest;
    const cookie = await ctx.cookieHeader(users.member);
    return {
      keel: { request: () => ({ path: `/tree?cycle=${cycles.active.id}`, headers: { cookie, accept: "text/html" } }) },
      user: users.member,
      floor: () => ({ params: { cycle: cycles.active.id } }),
      verify(keel, floor) {
        const payload = flightText(keel.body);
        const page = JSON.parse(floor) as { teams: { id: string; label: string }[]; preview: { id: string; keyResults: unknown[] }[] };
        expectSame("the tree's data address", valuesOfKey(payload, "dataUrl"), [`/api/v1/cycles/${cycles.active.id}/tree`]);
        const preview = valuesOfKey(payload, "preview")[0] as { id: string; keyResults: unknown[] }[];
        const shape = (rows: { id: string; keyResults: unknown[] }[]) => rows.map((o) => [o.id, o.keyResults.length]);
        expectSame("the company objectives drawn first", shape(preview), shape(page.preview));
        // The page sorts labels with localeCompare, Postgres by its collation: the same teams, perhaps in another order.
        expectSame("the teams of the filter", byId(valuesOfKey(payload, "teams")[0] as { id: string; label: string }[]), byId(page.teams));
      },
    };
  },
};

export const treePageBrowser: PageOp = {
  id: "tree-page-browser",
  name: "alignment tree page in Chromium",
  kind: "read",
  mode: "page",
  description:
    "The alignment tree page of the active cycle in Chromium as a member: time to the first rendered tree node ([role=treeitem]: the company objectives, rendered on the server), and long tasks after it (downloading, parsing and building the whole tree)",
  targets: TARGETS.page,
  async prepare(ctx) {
    const { organizationId, cycles, users } = ctx.manifest;
    const { rows } = await ctx.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM objectives WHERE organization_id = $1 AND cycle_id = $2 AND parent_objective_id IS NULL AND parent_key_result_id IS NULL",
      [organizationId, cycles.active.id],
    );
    const roots = rows[0]!.n;
    return {
      url: `${ctx.baseUrl}/tree?cycle=${cycles.active.id}`,
      user: users.member,
      selector: '[role="treeitem"]',
      verify(matched) {
        // The tree renders only the rows in view, so expect the top of it rather than every node.
        if (matched < Math.min(roots, 10)) throw new Error(`the page shows ${matched} tree nodes; the cycle has ${roots} objectives at the top`);
      },
    };
  },
};

/** The same page, timed until the whole cycle's tree has replaced the server-rendered top and answers the keyboard. */
export const treePageBrowserFull: PageOp = {
  ...treePageBrowser,
  id: "tree-page-browser-full",
  name: "alignment tree page, whole tree",
  description: "The alignment tree page in Chromium: time until the whole cycle's interactive tree is on screen, and every long task since navigation",
  async prepare(ctx) {
    const target = await treePageBrowser.prepare(ctx);
    // The interactive tree is drawn only once the whole cycle's payload is downloaded, parsed and built, so the tasks
    // that matter come before its first item: every long task since navigation counts.
    return { ...target, selector: '[role="tree"][aria-label^="Alignment of"] [role="treeitem"]', longTasksSinceNavigation: true };
  },
};
