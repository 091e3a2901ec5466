import "server-only";
import { statement } from "@/lib/db/batch";
import { pool } from "@/lib/db/pool";
import { db } from "@/lib/db/prisma";
import type { ReadDb } from "@/lib/db/read";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ApiTokenKind, Confidence, ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";
import { pageArgs, toPage, type Pagination } from "@/lib/http/pagination";
import { KEY_RESULT_SNAPSHOT } from "@/lib/key-results/mutations";
import { OBJECTIVE_SNAPSHOT } from "./mutations";
import { describeEvent, type HistoryEvent } from "@/lib/history/describe-event";
import { cycleWeeks, objectiveProgressSeries, type CheckInPoint } from "@/lib/checkins/history";
import type { InitiativeStatusValue } from "@/lib/initiatives/schemas";
import type { ListObjectivesQuery } from "./schemas";
import { serializeObjective } from "./serialize";


export async function getObjective(orgId: string, objectiveId: string) {
  const objective = await db.objective.findFirst({
    where: { id: objectiveId, organizationId: orgId },
    select: { ...OBJECTIVE_SNAPSHOT, keyResults: { select: KEY_RESULT_SNAPSHOT, orderBy: { position: "asc" } } },
  });
  if (!objective) throw notFound("That objective");
  return objective;
}

/** The API's objective list: filters, a title search, cursor pagination, key results on request. */
export async function listObjectives(orgId: string, query: ListObjectivesQuery & Pagination) {
  const args = pageArgs(query);
  const where: Prisma.ObjectiveWhereInput = {
    ...args.where,
    organizationId: orgId,
    cycleId: query.cycleId,
    teamId: query.teamId,
    ownerId: query.ownerId,
    level: query.level,
    state: query.state,
    ...(query.q ? { title: { contains: query.q, mode: "insensitive" } } : {}),
  };
  const rows = await db.objective.findMany({
    ...args,
    where,
    select: { ...OBJECTIVE_SNAPSHOT, ...(query.expand === "keyResults" ? { keyResults: { select: KEY_RESULT_SNAPSHOT, orderBy: { position: "asc" } } } : {}) },
  });
  return toPage(rows, query, serializeObjective);
}

export interface AlignmentCandidate {
  objectiveId: string;
  title: string;
  teamName: string | null;
  level: ObjectiveLevel;
  keyResults: { id: string; title: string }[];
}

/**
 * What an objective can align to: objectives of the same cycle (any team) whose title or key results match the
 * search, leaving out the objective itself. Capped, because the picker shows a short list.
 */
export async function searchAlignmentCandidates(orgId: string, cycleId: string, q: string, excludeObjectiveId?: string): Promise<AlignmentCandidate[]> {
  const term = q.trim();
  const match: Prisma.ObjectiveWhereInput = term
    ? { OR: [{ title: { contains: term, mode: "insensitive" } }, { keyResults: { some: { title: { contains: term, mode: "insensitive" } } } }] }
    : { level: { in: ["company", "team"] } };
  const rows = await db.objective.findMany({
    where: { organizationId: orgId, cycleId, state: { not: "abandoned" }, ...(excludeObjectiveId ? { id: { not: excludeObjectiveId } } : {}), ...match },
    select: { id: true, title: true, level: true, team: { select: { name: true } }, keyResults: { select: { id: true, title: true }, orderBy: { position: "asc" } } },
    orderBy: [{ level: "asc" }, { position: "asc" }],
    take: 15,
  });
  return rows.map((r) => ({ objectiveId: r.id, title: r.title, teamName: r.team?.name ?? null, level: r.level, keyResults: r.keyResults }));
}

/** A key result on another objective, as the dependency lists show it: where it lives, who owns it, how it is doing. */
const linkedKeyResult = (k: string) => `json_build_object(
  'id', ${k}.id, 'title', ${k}.title, 'confidence', ${k}.confidence, 'progress', ${k}.progress::text, 'objectiveId', ${k}.objective_id,
  'objectiveTitle', (SELECT x.title FROM objectives x WHERE x.organization_id = $1::uuid AND x.id = ${k}.objective_id),
  'teamName', (SELECT t.name FROM objectives x JOIN teams t ON t.organization_id = $1::uuid AND t.id = x.team_id WHERE x.organization_id = $1::uuid AND x.id = ${k}.objective_id),
  'ownerName', (SELECT u.name FROM users u WHERE u.id = ${k}.owner_id))`;

const UUID_TEXT = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";
const instant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Everything the objective page shows, in one statement: the objective with its cycle, team, owner and key results;
 * its why chain up to the top; what is aligned beneath it or its key results, and how many objectives the whole subtree
 * holds; its comments; the last 100 audit events of it and its key results, with the names of the people, objectives
 * and key results they cite; every check-in of its key results. Decimals as text, instants as ISO text.
 * $1 organisation, $2 objective.
 */
const OBJECTIVE_PAGE_SQL = `
  WITH RECURSIVE
  ob AS (SELECT o.* FROM objectives o WHERE o.id = $2::uuid AND o.organization_id = $1::uuid),
  krs AS (SELECT k.* FROM key_results k WHERE k.objective_id = $2::uuid AND k.organization_id = $1::uuid),
  up AS (
    SELECT o.id, o.parent_objective_id, o.parent_key_result_id, 0 AS depth FROM ob o
    UNION ALL
    SELECT p.id, p.parent_objective_id, p.parent_key_result_id, up.depth + 1
      FROM up
      LEFT JOIN key_results k ON k.id = up.parent_key_result_id AND k.organization_id = $1::uuid
      JOIN objectives p ON p.id = coalesce(up.parent_objective_id, k.objective_id) AND p.organization_id = $1::uuid
     WHERE up.depth < 64),
  down AS (
    SELECT id FROM ob
    UNION
    SELECT c.id
      FROM down
      LEFT JOIN key_results k ON k.objective_id = down.id AND k.organization_id = $1::uuid
      JOIN objectives c ON c.organization_id = $1::uuid AND (c.parent_objective_id = down.id OR c.parent_key_result_id = k.id)),
  -- Two lookups by entity rather than one OR, which Postgres answers by walking the organisation's whole history.
  ev AS (
    SELECT a.id, a.action, a.entity_type, a.entity_id, a.before, a.after, a.reason, a.created_at, a.actor_id
      FROM (SELECT a.* FROM audit_events a WHERE a.organization_id = $1::uuid AND a.entity_type = 'objective' AND a.entity_id = $2::uuid
            UNION ALL
            SELECT a.* FROM krs JOIN audit_events a ON a.organization_id = $1::uuid AND a.entity_type = 'key_result' AND a.entity_id = krs.id
            UNION ALL
            SELECT a.* FROM krs JOIN initiatives i ON i.organization_id = $1::uuid AND i.key_result_id = krs.id
              JOIN audit_events a ON a.organization_id = $1::uuid AND a.entity_type = 'initiative' AND a.entity_id = i.id) a
     ORDER BY a.created_at DESC, a.id DESC LIMIT 100),
  -- Blast radius: for each of this objective's key results in trouble, every key result depending on it (through any
  -- chain), then their objectives and every objective above those (lib/dependencies/graph.ts says the same in code).
  hit AS (
    SELECT k.id AS root, d.key_result_id AS kr, 1 AS depth
      FROM krs k JOIN key_result_dependencies d ON d.organization_id = $1::uuid AND d.depends_on_id = k.id
     WHERE k.confidence IN ('at_risk', 'off_track')
    UNION
    SELECT h.root, d.key_result_id, h.depth + 1
      FROM hit h JOIN key_result_dependencies d ON d.organization_id = $1::uuid AND d.depends_on_id = h.kr
     WHERE h.depth < 16),
  hit_kr AS (SELECT root, kr, min(depth) AS depth FROM hit WHERE kr <> root GROUP BY root, kr),
  hit_up AS (
    SELECT DISTINCT h.root, k.objective_id AS id FROM hit_kr h JOIN key_results k ON k.organization_id = $1::uuid AND k.id = h.kr
    UNION
    SELECT a.root, p.id
      FROM hit_up a
      JOIN objectives o ON o.organization_id = $1::uuid AND o.id = a.id
      LEFT JOIN key_results pk ON pk.organization_id = $1::uuid AND pk.id = o.parent_key_result_id
      JOIN objectives p ON p.organization_id = $1::uuid AND p.id = coalesce(o.parent_objective_id, pk.objective_id)),
  refs AS (
    SELECT s.side->>'ownerId' AS owner_id, s.side->>'parentObjectiveId' AS objective_id, s.side->>'parentKeyResultId' AS key_result_id
      FROM ev CROSS JOIN LATERAL (VALUES (ev.before), (ev.after)) s(side)
     WHERE jsonb_typeof(s.side) = 'object')
  SELECT json_build_object(
    'objective', (SELECT json_build_object(
        'id', o.id, 'cycleId', o.cycle_id, 'level', o.level, 'teamId', o.team_id, 'ownerId', o.owner_id, 'title', o.title,
        'whyItMatters', o.why_it_matters, 'kind', o.kind, 'state', o.state, 'parentObjectiveId', o.parent_objective_id,
        'parentKeyResultId', o.parent_key_result_id, 'position', o.position, 'progress', o.progress::text, 'abandonReason', o.abandon_reason,
        'version', o.version, 'createdAt', ${instant("o.created_at")}, 'updatedAt', ${instant("o.updated_at")},
        'cycle', (SELECT json_build_object('id', c.id, 'name', c.name, 'state', c.state, 'startDate', to_char(c.start_date, 'YYYY-MM-DD'),
                                           'endDate', to_char(c.end_date, 'YYYY-MM-DD'))
                    FROM cycles c WHERE c.id = o.cycle_id AND c.organization_id = $1::uuid),
        'team', (SELECT json_build_object('id', t.id, 'name', t.name) FROM teams t WHERE t.id = o.team_id AND t.organization_id = $1::uuid),
        'owner', (SELECT json_build_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = o.owner_id),
        'keyResults', (SELECT coalesce(json_agg(json_build_object(
            'id', k.id, 'objectiveId', k.objective_id, 'cycleId', k.cycle_id, 'ownerId', k.owner_id, 'title', k.title, 'type', k.type,
            'direction', k.direction, 'startValue', k.start_value::text, 'targetValue', k.target_value::text, 'currentValue', k.current_value::text,
            'unit', k.unit, 'milestones', k.milestones, 'weight', k.weight::text, 'position', k.position, 'progress', k.progress::text,
            'confidence', k.confidence, 'lastCheckInAt', ${instant("k.last_check_in_at")}, 'score', k.score::text, 'version', k.version,
            'createdAt', ${instant("k.created_at")}, 'updatedAt', ${instant("k.updated_at")},
            'owner', json_build_object('id', u.id, 'name', u.name)
          ) ORDER BY k.position), '[]') FROM krs k JOIN users u ON u.id = k.owner_id)
      ) FROM ob o),
    'chain', (SELECT coalesce(json_agg(json_build_object(
        'depth', up.depth, 'id', o.id, 'title', o.title, 'level', o.level, 'progress', o.progress::text, 'teamName', t.name, 'ownerName', u.name,
        'parentKeyResultId', up.parent_key_result_id, 'parentKeyResultTitle', pk.title) ORDER BY up.depth), '[]')
      FROM up
      JOIN objectives o ON o.id = up.id
      JOIN users u ON u.id = o.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
      LEFT JOIN key_results pk ON pk.id = up.parent_key_result_id),
    'aligned', (SELECT coalesce(json_agg(json_build_object(
        'id', a.id, 'title', a.title, 'level', a.level, 'state', a.state, 'progress', a.progress::text, 'parentKeyResultId', a.parent_key_result_id,
        'team', CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id, 'name', t.name) END, 'owner', json_build_object('name', u.name)
      ) ORDER BY a.level, a.position), '[]')
      FROM objectives a JOIN users u ON u.id = a.owner_id LEFT JOIN teams t ON t.id = a.team_id
      WHERE a.organization_id = $1::uuid AND (a.parent_objective_id = $2::uuid OR a.parent_key_result_id IN (SELECT id FROM krs))),
    'subtreeCount', (SELECT count(*) - 1 FROM down),
    'comments', (SELECT coalesce(json_agg(json_build_object(
        'id', c.id, 'body', c.body, 'createdAt', ${instant("c.created_at")}, 'author', json_build_object('id', u.id, 'name', u.name)
      ) ORDER BY c.created_at, c.id), '[]')
      FROM comments c JOIN users u ON u.id = c.author_id WHERE c.organization_id = $1::uuid AND c.objective_id = $2::uuid),
    'events', (SELECT coalesce(json_agg(json_build_object(
        'id', e.id, 'action', e.action, 'entityType', e.entity_type, 'entityId', e.entity_id, 'before', e.before, 'after', e.after,
        'reason', e.reason, 'createdAt', ${instant("e.created_at")}, 'actor', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('name', u.name) END
      ) ORDER BY e.created_at DESC, e.id DESC), '[]')
      FROM ev e LEFT JOIN users u ON u.id = e.actor_id),
    'userNames', (SELECT coalesce(json_object_agg(u.id, u.name), '{}') FROM users u
                   WHERE u.id IN (SELECT owner_id::uuid FROM refs WHERE owner_id ~ ${UUID_TEXT})
                     AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organization_id = $1::uuid)),
    'objectiveTitles', (SELECT coalesce(json_object_agg(o.id, o.title), '{}') FROM objectives o
                         WHERE o.organization_id = $1::uuid AND o.id IN (SELECT objective_id::uuid FROM refs WHERE objective_id ~ ${UUID_TEXT})),
    'keyResultTitles', (SELECT coalesce(json_object_agg(k.id, k.title), '{}') FROM key_results k
                         WHERE k.organization_id = $1::uuid AND k.id IN (SELECT key_result_id::uuid FROM refs WHERE key_result_id ~ ${UUID_TEXT})),
    'checkIns', (SELECT coalesce(json_agg(json_build_object(
        'id', c.id, 'keyResultId', c.key_result_id, 'week', to_char(c.week, 'YYYY-MM-DD'), 'value', c.value::text, 'confidence', c.confidence,
        'note', c.note, 'version', c.version, 'updatedAt', ${instant("c.updated_at")}, 'author', json_build_object('name', u.name, 'isIntegration', u.is_integration),
        'via', CASE WHEN c.channel = 'slack' THEN json_build_object('name', 'Slack', 'kind', 'slack')
                    ELSE (SELECT json_build_object('name', t.name, 'kind', t.kind) FROM api_tokens t WHERE t.id = c.api_token_id AND t.organization_id = $1::uuid) END
      ) ORDER BY c.key_result_id, c.week), '[]')
      FROM check_ins c JOIN users u ON u.id = c.author_id WHERE c.organization_id = $1::uuid AND c.key_result_id IN (SELECT id FROM krs)),
    'feeds', (SELECT coalesce(json_agg(json_build_object(
        'keyResultId', f.key_result_id, 'sourceName', d.name, 'schedule', f.schedule, 'lastValue', f.last_value, 'lastError', f.last_error
      )), '[]')
      FROM key_result_feeds f JOIN data_sources d ON d.id = f.data_source_id AND d.organization_id = f.organization_id
      WHERE f.organization_id = $1::uuid AND f.key_result_id IN (SELECT id FROM krs)),
    'initiatives', (SELECT coalesce(json_agg(json_build_object(
        'id', i.id, 'keyResultId', i.key_result_id, 'title', i.title, 'status', i.status, 'dueDate', to_char(i.due_date, 'YYYY-MM-DD'),
        'url', i.url, 'version', i.version, 'owner', json_build_object('id', u.id, 'name', u.name)
      ) ORDER BY i.key_result_id, i.position, i.id), '[]')
      FROM initiatives i JOIN users u ON u.id = i.owner_id
      WHERE i.organization_id = $1::uuid AND i.key_result_id IN (SELECT id FROM krs)),
    'dependsOn', (SELECT coalesce(json_agg(json_build_object('keyResultId', d.key_result_id, 'other', ${linkedKeyResult("k")}) ORDER BY d.created_at), '[]')
      FROM key_result_dependencies d JOIN key_results k ON k.organization_id = $1::uuid AND k.id = d.depends_on_id
      WHERE d.organization_id = $1::uuid AND d.key_result_id IN (SELECT id FROM krs)),
    'dependents', (SELECT coalesce(json_agg(json_build_object('keyResultId', d.depends_on_id, 'other', ${linkedKeyResult("k")}) ORDER BY d.created_at), '[]')
      FROM key_result_dependencies d JOIN key_results k ON k.organization_id = $1::uuid AND k.id = d.key_result_id
      WHERE d.organization_id = $1::uuid AND d.depends_on_id IN (SELECT id FROM krs)),
    'supports', (SELECT coalesce(json_agg(json_build_object(
        'id', s.id, 'objectiveId', coalesce(s.supports_objective_id, k.objective_id), 'title', coalesce(so.title, k.title),
        'kind', CASE WHEN s.supports_key_result_id IS NULL THEN 'objective' ELSE 'key_result' END,
        'objectiveTitle', ko.title, 'teamName', coalesce(st.name, kt.name)) ORDER BY s.created_at), '[]')
      FROM objective_supports s
      LEFT JOIN objectives so ON so.organization_id = $1::uuid AND so.id = s.supports_objective_id
      LEFT JOIN teams st ON st.organization_id = $1::uuid AND st.id = so.team_id
      LEFT JOIN key_results k ON k.organization_id = $1::uuid AND k.id = s.supports_key_result_id
      LEFT JOIN objectives ko ON ko.organization_id = $1::uuid AND ko.id = k.objective_id
      LEFT JOIN teams kt ON kt.organization_id = $1::uuid AND kt.id = ko.team_id
      WHERE s.organization_id = $1::uuid AND s.objective_id = $2::uuid),
    'supportedBy', (SELECT coalesce(json_agg(json_build_object(
        'id', o.id, 'title', o.title, 'teamName', t.name, 'progress', o.progress::text, 'keyResultId', s.supports_key_result_id) ORDER BY s.created_at), '[]')
      FROM objective_supports s JOIN objectives o ON o.organization_id = $1::uuid AND o.id = s.objective_id
      LEFT JOIN teams t ON t.organization_id = $1::uuid AND t.id = o.team_id
      WHERE s.organization_id = $1::uuid AND (s.supports_objective_id = $2::uuid OR s.supports_key_result_id IN (SELECT id FROM krs))),
    'blast', (SELECT coalesce(json_agg(json_build_object(
        'keyResultId', r.root,
        'keyResults', (SELECT coalesce(json_agg(${linkedKeyResult("k")} ORDER BY h.depth, k.title), '[]')
                         FROM hit_kr h JOIN key_results k ON k.organization_id = $1::uuid AND k.id = h.kr WHERE h.root = r.root),
        'objectives', (SELECT coalesce(json_agg(json_build_object('id', o.id, 'title', o.title, 'level', o.level) ORDER BY o.level DESC, o.title), '[]')
                         FROM hit_up u JOIN objectives o ON o.organization_id = $1::uuid AND o.id = u.id WHERE u.root = r.root))), '[]')
      FROM (SELECT DISTINCT root FROM hit_kr) r)
  ) AS page`;

/** The objective as the page gets it, written as the Prisma select it is equal to (OBJECTIVE_PAGE_SQL reads it). */
export const OBJECTIVE_PAGE_SELECT = {
  ...OBJECTIVE_SNAPSHOT,
  cycle: { select: { id: true, name: true, state: true, startDate: true, endDate: true } },
  team: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
  keyResults: { select: { ...KEY_RESULT_SNAPSHOT, owner: { select: { id: true, name: true } } }, orderBy: { position: "asc" } },
} satisfies Prisma.ObjectiveSelect;

type PageObjective = Prisma.ObjectiveGetPayload<{ select: typeof OBJECTIVE_PAGE_SELECT }>;
type PageKeyResult = PageObjective["keyResults"][number];
type Json<T> = { [K in keyof T]: T[K] extends Prisma.Decimal ? string : T[K] extends Prisma.Decimal | null ? string | null : T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

interface ObjectivePageRow {
  objective: (Json<Omit<PageObjective, "cycle" | "keyResults">> & { cycle: Json<PageObjective["cycle"]>; keyResults: Json<PageKeyResult>[] }) | null;
  chain: { depth: number; id: string; title: string; level: ObjectiveLevel; progress: string; teamName: string | null; ownerName: string; parentKeyResultId: string | null; parentKeyResultTitle: string | null }[];
  aligned: { id: string; title: string; level: ObjectiveLevel; state: ObjectiveState; progress: string; parentKeyResultId: string | null; team: { id: string; name: string } | null; owner: { name: string } }[];
  subtreeCount: number;
  comments: { id: string; body: string; createdAt: string; author: { id: string; name: string } }[];
  events: (Omit<HistoryEvent, "createdAt"> & { createdAt: string })[];
  userNames: Record<string, string>;
  objectiveTitles: Record<string, string>;
  keyResultTitles: Record<string, string>;
  checkIns: {
    id: string;
    keyResultId: string;
    week: string;
    value: string;
    confidence: Confidence;
    note: string;
    version: number;
    updatedAt: string;
    author: { name: string; isIntegration: boolean };
    /** The API token the latest save came through: where the number came from. */
    via: { name: string; kind: ApiTokenKind | "slack" } | null;
  }[];
  /** Key results fed from a data source, with how the last read went. */
  feeds: { keyResultId: string; sourceName: string; schedule: string; lastValue: string | null; lastError: string | null }[];
  /** The work under each key result, in its order. */
  initiatives: PageInitiative[];
  /** What this objective's key results depend on, and what depends on them (keyResultId is this objective's). */
  dependsOn: { keyResultId: string; other: LinkedKeyResult }[];
  dependents: { keyResultId: string; other: LinkedKeyResult }[];
  supports: { id: string; objectiveId: string; title: string; kind: "objective" | "key_result"; objectiveTitle: string | null; teamName: string | null }[];
  supportedBy: { id: string; title: string; teamName: string | null; progress: string; keyResultId: string | null }[];
  /** For each key result in trouble that others depend on: everything downstream of it, up to the top. */
  blast: { keyResultId: string; keyResults: LinkedKeyResult[]; objectives: { id: string; title: string; level: ObjectiveLevel }[] }[];
}

export interface LinkedKeyResult {
  id: string;
  title: string;
  confidence: Confidence | null;
  progress: string;
  objectiveId: string;
  objectiveTitle: string;
  teamName: string | null;
  ownerName: string;
}

export interface PageInitiative {
  id: string;
  keyResultId: string;
  title: string;
  status: InitiativeStatusValue;
  dueDate: string | null;
  url: string | null;
  version: number;
  owner: { id: string; name: string };
}

const decimal = (text: string) => new Prisma.Decimal(text);
const day = (isoDay: string) => new Date(`${isoDay}T00:00:00.000Z`);

/**
 * Everything the objective page shows, in one round trip (OBJECTIVE_PAGE_SQL), in the shapes Prisma would give: the
 * objective with its key results, its why chain, what is aligned beneath it and how much, comments, the described
 * history, every check-in of its key results (the timeline's and the charts'), and its weekly progress series, which
 * lib/checkins/history.ts rebuilds from those same key results and check-ins.
 */
export async function getObjectivePage(orgId: string, objectiveId: string, now: Date = new Date()) {
  const read = statement(OBJECTIVE_PAGE_SQL, [orgId, objectiveId], "keel-objective-page");
  const { rows } = await pool.query<{ page: ObjectivePageRow }>({ ...read, values: [...read.values] });
  const page = rows[0]!.page;
  const o = page.objective;
  if (!o) throw notFound("That objective");

  const objective: PageObjective = {
    ...o,
    progress: decimal(o.progress),
    createdAt: new Date(o.createdAt),
    updatedAt: new Date(o.updatedAt),
    cycle: { ...o.cycle, startDate: day(o.cycle.startDate), endDate: day(o.cycle.endDate) },
    keyResults: o.keyResults.map((k) => ({
      ...k,
      startValue: decimal(k.startValue),
      targetValue: decimal(k.targetValue),
      currentValue: decimal(k.currentValue),
      weight: decimal(k.weight),
      progress: decimal(k.progress),
      score: k.score === null ? null : decimal(k.score),
      lastCheckInAt: k.lastCheckInAt === null ? null : new Date(k.lastCheckInAt),
      createdAt: new Date(k.createdAt),
      updatedAt: new Date(k.updatedAt),
    })),
  };
  const checkIns = page.checkIns.map((c) => ({ ...c, week: day(c.week), value: decimal(c.value), updatedAt: new Date(c.updatedAt) }));
  const checkInHistory = new Map(objective.keyResults.map((kr) => [kr.id, [] as CheckInPoint[]]));
  for (const c of page.checkIns) {
    // A data source or an organisation token recorded it: the chart marks the point and names it.
    const source = c.author.isIntegration ? c.author.name : null;
    checkInHistory.get(c.keyResultId)?.push({ week: c.week, value: decimal(c.value).toString(), confidence: c.confidence, source });
  }

  // Row 0 is the objective itself; each ancestor is reached through the previous row's parent key result, if any.
  const chainRows = page.chain;
  const chain = chainRows.slice(1).map((row, i) => ({
    id: row.id,
    title: row.title,
    level: row.level,
    progress: Number(row.progress),
    teamName: row.teamName,
    ownerName: row.ownerName,
    viaKeyResult: chainRows[i]?.parentKeyResultId ? { id: chainRows[i]!.parentKeyResultId!, title: chainRows[i]!.parentKeyResultTitle ?? "" } : null,
  }));
  const aligned = page.aligned.map((a) => ({ ...a, progress: decimal(a.progress) }));
  const comments = page.comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt) }));

  const lookups = {
    userNames: new Map(Object.entries(page.userNames)),
    objectiveTitles: new Map(Object.entries(page.objectiveTitles)),
    keyResultTitles: new Map([...objective.keyResults.map((kr) => [kr.id, kr.title] as const), ...Object.entries(page.keyResultTitles)]),
  };
  const history = page.events.map((e) => describeEvent({ ...e, createdAt: new Date(e.createdAt) }, lookups));

  const measures = objective.keyResults.map((kr) => ({
    type: kr.type,
    direction: kr.direction,
    start: kr.startValue.toString(),
    target: kr.targetValue.toString(),
    weight: kr.weight.toString(),
    checkIns: checkInHistory.get(kr.id) ?? [],
  }));
  const progressHistory = objectiveProgressSeries(measures, cycleWeeks(objective.cycle.startDate, objective.cycle.endDate, now));

  const feeds = new Map(page.feeds.map((f) => [f.keyResultId, f]));
  const initiatives = new Map(objective.keyResults.map((kr) => [kr.id, [] as PageInitiative[]]));
  for (const i of page.initiatives) initiatives.get(i.keyResultId)?.push(i);
  const group = <T extends { keyResultId: string }>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const row of rows) by.set(row.keyResultId, [...(by.get(row.keyResultId) ?? []), row]);
    return by;
  };
  const links = {
    dependsOn: group(page.dependsOn),
    dependents: group(page.dependents),
    blast: new Map(page.blast.map((b) => [b.keyResultId, b])),
    supports: page.supports,
    supportedBy: page.supportedBy,
  };
  return { objective, chain, aligned, subtreeCount: page.subtreeCount, comments, history, checkIns, checkInHistory, progressHistory, feeds, initiatives, links };
}

export type ObjectivePage = Awaited<ReturnType<typeof getObjectivePage>>;

/** Active teams as "Department › Team" labels for pickers, in one query, sorted by path. */
export async function listTeamOptions(orgId: string, client: Pick<ReadDb, "team"> = db): Promise<{ id: string; label: string }[]> {
  const teams = await client.team.findMany({ where: { organizationId: orgId }, select: { id: true, name: true, parentId: true, archivedAt: true } });
  const byId = new Map(teams.map((t) => [t.id, t]));
  const label = (id: string) => {
    const parts: string[] = [];
    const seen = new Set<string>();
    for (let t = byId.get(id); t && !seen.has(t.id); t = t.parentId ? byId.get(t.parentId) : undefined) {
      seen.add(t.id);
      parts.unshift(t.name);
    }
    return parts.join(" › ");
  };
  return teams
    .filter((t) => !t.archivedAt)
    .map((t) => ({ id: t.id, label: label(t.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The first team the person belongs to, to preselect in forms. */
export async function homeTeamId(orgId: string, userId: string): Promise<string | null> {
  const membership = await db.teamMembership.findFirst({ where: { organizationId: orgId, userId, team: { archivedAt: null } }, select: { teamId: true }, orderBy: { role: "asc" } });
  return membership?.teamId ?? null;
}
