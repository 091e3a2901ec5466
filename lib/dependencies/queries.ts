import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { Confidence } from "@/lib/generated/prisma/enums";
import { blastRadius, type DependencyEdge } from "./graph";

const LINKED = {
  id: true,
  title: true,
  confidence: true,
  progress: true,
  objectiveId: true,
  objective: { select: { title: true, team: { select: { name: true } } } },
  owner: { select: { name: true } },
} as const;

type LinkedRow = { id: string; title: string; confidence: Confidence | null; progress: { toString(): string }; objectiveId: string; objective: { title: string; team: { name: string } | null }; owner: { name: string } };

function linked(k: LinkedRow) {
  return { id: k.id, title: k.title, confidence: k.confidence, progress: k.progress.toString(), objectiveId: k.objectiveId, objectiveTitle: k.objective.title, teamName: k.objective.team?.name ?? null, ownerName: k.owner.name };
}

/**
 * A key result's dependencies both ways and, when it is at risk or off track, its blast radius: what depends on it
 * through any chain, their objectives and everything above them. Another organisation's key result is not found.
 */
export async function keyResultDependencies(orgId: string, keyResultId: string) {
  const keyResult = await db.keyResult.findFirst({ where: { id: keyResultId, organizationId: orgId }, select: { id: true, confidence: true } });
  if (!keyResult) throw notFound("That key result");
  const [dependsOn, dependents, downstream] = await Promise.all([
    db.keyResultDependency.findMany({ where: { organizationId: orgId, keyResultId }, select: { dependsOn: { select: LINKED } }, orderBy: { createdAt: "asc" } }),
    db.keyResultDependency.findMany({ where: { organizationId: orgId, dependsOnId: keyResultId }, select: { keyResult: { select: LINKED } }, orderBy: { createdAt: "asc" } }),
    keyResult.confidence === "at_risk" || keyResult.confidence === "off_track" ? downstreamOf(orgId, keyResultId) : Promise.resolve(null),
  ]);
  return {
    dependsOn: dependsOn.map((d) => linked(d.dependsOn)),
    dependents: dependents.map((d) => linked(d.keyResult)),
    blastRadius: downstream,
  };
}

/** The blast radius of one key result, from the dependency edges below it and the alignment chains above them. */
async function downstreamOf(orgId: string, keyResultId: string) {
  const edges = await db.$queryRaw<DependencyEdge[]>`
    WITH RECURSIVE chain AS (
      SELECT d.key_result_id, d.depends_on_id FROM key_result_dependencies d WHERE d.organization_id = ${orgId}::uuid AND d.depends_on_id = ${keyResultId}::uuid
      UNION
      SELECT d.key_result_id, d.depends_on_id FROM chain c
        JOIN key_result_dependencies d ON d.organization_id = ${orgId}::uuid AND d.depends_on_id = c.key_result_id)
    SELECT key_result_id::text AS "keyResultId", depends_on_id::text AS "dependsOnId" FROM chain`;
  if (!edges.length) return { keyResults: [], objectives: [] };
  const ids = [...new Set(edges.map((e) => e.keyResultId))];
  const chains = await db.$queryRaw<{ kr: string | null; id: string; parent: string | null }[]>`
    WITH RECURSIVE up AS (
      SELECT k.id AS kr, o.id, o.parent_objective_id, o.parent_key_result_id
        FROM key_results k JOIN objectives o ON o.organization_id = ${orgId}::uuid AND o.id = k.objective_id
       WHERE k.organization_id = ${orgId}::uuid AND k.id = ANY(${ids}::uuid[])
      UNION
      SELECT NULL::uuid, p.id, p.parent_objective_id, p.parent_key_result_id
        FROM up
        LEFT JOIN key_results pk ON pk.organization_id = ${orgId}::uuid AND pk.id = up.parent_key_result_id
        JOIN objectives p ON p.organization_id = ${orgId}::uuid AND p.id = coalesce(up.parent_objective_id, pk.objective_id))
    SELECT up.kr::text AS kr, up.id::text AS id,
           coalesce(up.parent_objective_id, (SELECT objective_id FROM key_results WHERE organization_id = ${orgId}::uuid AND id = up.parent_key_result_id))::text AS parent
      FROM up`;
  const objectiveOf = new Map(chains.filter((c) => c.kr).map((c) => [c.kr!, c.id]));
  const parentOf = new Map(chains.map((c) => [c.id, c.parent]));
  const radius = blastRadius(edges, keyResultId, (kr) => objectiveOf.get(kr), (o) => parentOf.get(o));
  const [keyResults, objectives] = await Promise.all([
    db.keyResult.findMany({ where: { organizationId: orgId, id: { in: radius.keyResultIds } }, select: LINKED }),
    db.objective.findMany({ where: { organizationId: orgId, id: { in: radius.objectiveIds } }, select: { id: true, title: true, level: true } }),
  ]);
  const byKr = new Map(keyResults.map((k) => [k.id, k]));
  const byObjective = new Map(objectives.map((o) => [o.id, o]));
  return {
    keyResults: radius.keyResultIds.flatMap((id) => (byKr.has(id) ? [linked(byKr.get(id)!)] : [])),
    objectives: radius.objectiveIds.flatMap((id) => (byObjective.has(id) ? [byObjective.get(id)!] : [])),
  };
}

/** What an objective supports besides its parent, and what supports it or its key results. */
export async function objectiveSupports(orgId: string, objectiveId: string) {
  const objective = await db.objective.findFirst({ where: { id: objectiveId, organizationId: orgId }, select: { id: true } });
  if (!objective) throw notFound("That objective");
  const [supports, supportedBy] = await Promise.all([
    db.objectiveSupport.findMany({ where: { organizationId: orgId, objectiveId }, select: SUPPORT, orderBy: { createdAt: "asc" } }),
    db.objectiveSupport.findMany({
      where: { organizationId: orgId, OR: [{ supportsObjectiveId: objectiveId }, { supportsKeyResult: { objectiveId, organizationId: orgId } }] },
      select: SUPPORT,
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { supports: supports.map(serializeSupport), supportedBy: supportedBy.map(serializeSupport) };
}

const SUPPORT = { id: true, objectiveId: true, supportsObjectiveId: true, supportsKeyResultId: true, createdAt: true } as const;

export function serializeSupport(s: { id: string; objectiveId: string; supportsObjectiveId: string | null; supportsKeyResultId: string | null; createdAt: Date }) {
  return { id: s.id, objectiveId: s.objectiveId, supportsObjectiveId: s.supportsObjectiveId, supportsKeyResultId: s.supportsKeyResultId, createdAt: s.createdAt.toISOString() };
}

export interface ReviewBlast {
  id: string;
  title: string;
  confidence: Confidence;
  objectiveId: string;
  teamName: string | null;
  /** Everything depending on it through any chain, nearest first. */
  keyResults: { id: string; title: string; objectiveId: string; teamName: string | null; confidence: Confidence | null }[];
  /** How many objectives those sit in or beneath, up to the top. */
  objectiveCount: number;
}

/**
 * The review's blast radius: key results of the cycle at risk or off track that others depend on (within the team's
 * subtree when the review is scoped to one), widest first, each with everything downstream of it. One statement.
 */
export async function reviewBlastRadius(orgId: string, cycleId: string, teamId: string | null, limit = 20): Promise<ReviewBlast[]> {
  const [row] = await db.$queryRaw<{ items: ReviewBlast[] }[]>`
    WITH RECURSIVE
    scope AS (
      SELECT t.id FROM teams t WHERE t.organization_id = ${orgId}::uuid AND t.id = ${teamId}::uuid
      UNION
      SELECT c.id FROM scope s JOIN teams c ON c.organization_id = ${orgId}::uuid AND c.parent_id = s.id),
    roots AS (
      SELECT k.id, k.title, k.confidence, k.objective_id, o.team_id
        FROM key_results k JOIN objectives o ON o.organization_id = ${orgId}::uuid AND o.id = k.objective_id
       WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycleId}::uuid AND k.confidence IN ('at_risk', 'off_track')
         AND o.state <> 'abandoned'
         AND (${teamId}::uuid IS NULL OR o.team_id IN (SELECT id FROM scope))
         AND EXISTS (SELECT 1 FROM key_result_dependencies d WHERE d.organization_id = ${orgId}::uuid AND d.depends_on_id = k.id)),
    hit AS (
      SELECT r.id AS root, d.key_result_id AS kr, 1 AS depth
        FROM roots r JOIN key_result_dependencies d ON d.organization_id = ${orgId}::uuid AND d.depends_on_id = r.id
      UNION
      SELECT h.root, d.key_result_id, h.depth + 1
        FROM hit h JOIN key_result_dependencies d ON d.organization_id = ${orgId}::uuid AND d.depends_on_id = h.kr
       WHERE h.depth < 16),
    hit_kr AS (SELECT root, kr, min(depth) AS depth FROM hit WHERE kr <> root GROUP BY root, kr),
    hit_up AS (
      SELECT DISTINCT h.root, k.objective_id AS id FROM hit_kr h JOIN key_results k ON k.organization_id = ${orgId}::uuid AND k.id = h.kr
      UNION
      SELECT a.root, p.id
        FROM hit_up a
        JOIN objectives o ON o.organization_id = ${orgId}::uuid AND o.id = a.id
        LEFT JOIN key_results pk ON pk.organization_id = ${orgId}::uuid AND pk.id = o.parent_key_result_id
        JOIN objectives p ON p.organization_id = ${orgId}::uuid AND p.id = coalesce(o.parent_objective_id, pk.objective_id)),
    ranked AS (
      SELECT r.*, (SELECT count(*) FROM hit_kr h WHERE h.root = r.id) AS reach FROM roots r
       ORDER BY reach DESC, r.confidence DESC, r.title LIMIT ${limit})
    SELECT coalesce(json_agg(json_build_object(
      'id', r.id, 'title', r.title, 'confidence', r.confidence, 'objectiveId', r.objective_id,
      'teamName', (SELECT t.name FROM teams t WHERE t.organization_id = ${orgId}::uuid AND t.id = r.team_id),
      'keyResults', (SELECT coalesce(json_agg(json_build_object(
          'id', k.id, 'title', k.title, 'objectiveId', k.objective_id, 'confidence', k.confidence,
          'teamName', (SELECT t.name FROM objectives x JOIN teams t ON t.organization_id = ${orgId}::uuid AND t.id = x.team_id WHERE x.organization_id = ${orgId}::uuid AND x.id = k.objective_id)
        ) ORDER BY h.depth, k.title), '[]')
        FROM hit_kr h JOIN key_results k ON k.organization_id = ${orgId}::uuid AND k.id = h.kr WHERE h.root = r.id),
      'objectiveCount', (SELECT count(*) FROM hit_up u WHERE u.root = r.id)
    ) ORDER BY r.reach DESC, r.confidence DESC, r.title), '[]') AS items
    FROM ranked r`;
  return row?.items ?? [];
}
