import "server-only";
import { readDb, type ReadDb } from "@/lib/db/read";
import { notFound } from "@/lib/errors";

/**
 * The whole alignment tree of a cycle in one query: Postgres numbers the rows, resolves every reference to an index
 * and writes the JSON (see TreePayload), so the server only passes the text through. This is the query the
 * benchmark holds against its floor, and what keeps a 20,000-objective tree within about a second. Each column is
 * aggregated from one sorted subquery (one sort per table, not one per column): the aggregates read rows in that order.
 */
export async function loadTreeJson(orgId: string, cycleId: string, db: ReadDb = readDb()): Promise<string> {
  const rows = await db.$queryRaw<{ payload: string | null }[]>`
    WITH c AS (
      SELECT c.id, c.name, c.state, c.start_date, c.end_date, org.max_objectives_per_team, org.max_key_results_per_objective, org.max_key_results_per_person
      FROM cycles c JOIN organizations org ON org.id = c.organization_id
      WHERE c.id = ${cycleId}::uuid AND c.organization_id = ${orgId}::uuid
    ),
    o AS (
      SELECT o.id, o.title, o.level, o.team_id, o.owner_id, o.state, o.kind, o.progress, o.parent_objective_id, o.parent_key_result_id,
             (row_number() OVER (ORDER BY o.level, o.position, o.id) - 1)::int AS i
      FROM objectives o WHERE o.organization_id = ${orgId}::uuid AND o.cycle_id = (SELECT id FROM c)
    ),
    k AS (
      SELECT k.id, k.objective_id, k.title, k.progress, k.confidence, k.owner_id,
             (row_number() OVER (ORDER BY k.objective_id, k.position, k.id) - 1)::int AS i
      FROM key_results k WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = (SELECT id FROM c)
    ),
    t AS (
      SELECT t.id, t.name, t.parent_id, t.archived_at IS NOT NULL AS archived, (row_number() OVER (ORDER BY t.name, t.id) - 1)::int AS i
      FROM teams t WHERE t.organization_id = ${orgId}::uuid
    ),
    p AS (
      SELECT u.id, u.name, (row_number() OVER (ORDER BY u.name, u.id) - 1)::int AS i
      FROM users u WHERE u.id IN (SELECT owner_id FROM o UNION SELECT owner_id FROM k)
    ),
    oj AS (
      SELECT o.i, o.id, o.title,
             CASE o.level WHEN 'company' THEN 0 WHEN 'team' THEN 1 ELSE 2 END AS level,
             COALESCE(t.i, -1) AS team, p.i AS owner,
             CASE o.state WHEN 'draft' THEN 0 WHEN 'active' THEN 1 WHEN 'done' THEN 2 ELSE 3 END AS state,
             CASE o.kind WHEN 'committed' THEN 0 ELSE 1 END AS kind,
             o.progress::float8 AS progress, COALESCE(po.i, -1) AS parent, COALESCE(pk.i, -1) AS parent_kr
      FROM o
      JOIN p ON p.id = o.owner_id
      LEFT JOIN t ON t.id = o.team_id
      LEFT JOIN o po ON po.id = o.parent_objective_id
      LEFT JOIN k pk ON pk.id = o.parent_key_result_id
    ),
    kj AS (
      SELECT k.i, o.i AS objective, k.title, k.progress::float8 AS progress,
             CASE k.confidence WHEN 'on_track' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'off_track' THEN 2 ELSE -1 END AS confidence,
             p.i AS owner
      FROM k JOIN o ON o.id = k.objective_id JOIN p ON p.id = k.owner_id
    ),
    tj AS (
      SELECT t.i, t.id, t.name, COALESCE(pt.i, -1) AS parent, t.archived FROM t LEFT JOIN t pt ON pt.id = t.parent_id
    )
    SELECT json_build_object(
      'cycle', (SELECT json_build_object('id', id, 'name', name, 'state', state, 'startDate', start_date, 'endDate', end_date) FROM c),
      'limits', (SELECT json_build_object('maxObjectivesPerTeam', max_objectives_per_team, 'maxKeyResultsPerObjective', max_key_results_per_objective, 'maxKeyResultsPerPerson', max_key_results_per_person) FROM c),
      'teams', (SELECT json_build_object(
        'id', COALESCE(json_agg(id), '[]'), 'name', COALESCE(json_agg(name), '[]'),
        'parent', COALESCE(json_agg(parent), '[]'), 'archived', COALESCE(json_agg(archived), '[]')) FROM (SELECT * FROM tj ORDER BY i) s),
      'people', (SELECT json_build_object('id', COALESCE(json_agg(id), '[]'), 'name', COALESCE(json_agg(name), '[]')) FROM (SELECT * FROM p ORDER BY i) s),
      'objectives', (SELECT json_build_object(
        'id', COALESCE(json_agg(id), '[]'), 'title', COALESCE(json_agg(title), '[]'),
        'level', COALESCE(json_agg(level), '[]'), 'team', COALESCE(json_agg(team), '[]'),
        'owner', COALESCE(json_agg(owner), '[]'), 'state', COALESCE(json_agg(state), '[]'),
        'kind', COALESCE(json_agg(kind), '[]'), 'progress', COALESCE(json_agg(progress), '[]'),
        'parent', COALESCE(json_agg(parent), '[]'), 'parentKr', COALESCE(json_agg(parent_kr), '[]')) FROM (SELECT * FROM oj ORDER BY i) s),
      'keyResults', (SELECT json_build_object(
        'objective', COALESCE(json_agg(objective), '[]'), 'title', COALESCE(json_agg(title), '[]'),
        'progress', COALESCE(json_agg(progress), '[]'), 'confidence', COALESCE(json_agg(confidence), '[]'),
        'owner', COALESCE(json_agg(owner), '[]')) FROM (SELECT * FROM kj ORDER BY i) s)
    )::text AS payload
    WHERE EXISTS (SELECT 1 FROM c)`;
  const payload = rows[0]?.payload;
  if (!payload) throw notFound("That cycle");
  return payload;
}

export interface TreePreviewRow {
  id: string;
  title: string;
  progress: number;
  owner: string;
  keyResults: { title: string; progress: number; confidence: string | null }[];
}

/**
 * The company objectives and their key results, for the page's first paint: the top of the tree shows while the whole
 * cycle is still on its way. Two small queries.
 */
export async function loadTreePreview(orgId: string, cycleId: string, db: ReadDb = readDb()): Promise<TreePreviewRow[]> {
  const rows = await db.objective.findMany({
    where: { organizationId: orgId, cycleId, level: "company", parentObjectiveId: null, parentKeyResultId: null },
    select: {
      id: true,
      title: true,
      progress: true,
      owner: { select: { name: true } },
      keyResults: { select: { title: true, progress: true, confidence: true }, orderBy: [{ position: "asc" }, { id: "asc" }] },
    },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    take: 50,
  });
  return rows.map((o) => ({
    id: o.id,
    title: o.title,
    progress: Number(o.progress),
    owner: o.owner.name,
    keyResults: o.keyResults.map((k) => ({ title: k.title, progress: Number(k.progress), confidence: k.confidence })),
  }));
}
