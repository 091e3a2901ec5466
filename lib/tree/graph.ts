import "server-only";
import { readDb, type ReadDb } from "@/lib/db/read";
import { notFound } from "@/lib/errors";
import type { GraphData, GraphObjective } from "./graph-model";
import { CONFIDENCES } from "./payload";

/**
 * One objective and everything aligned beneath it (directly or through its key results), for the graph view. Two
 * queries: the subtree's ids (recursive, at most 32 levels, loops end on their own), then its rows.
 */
export async function loadGraph(orgId: string, rootId: string, db: ReadDb = readDb()): Promise<GraphData> {
  const ids = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE down AS (
      SELECT o.id, 0 AS depth FROM objectives o WHERE o.id = ${rootId}::uuid AND o.organization_id = ${orgId}::uuid
      UNION
      SELECT c.id, down.depth + 1 FROM down
      JOIN objectives c ON c.organization_id = ${orgId}::uuid
        AND (c.parent_objective_id = down.id OR c.parent_key_result_id IN (SELECT k.id FROM key_results k WHERE k.objective_id = down.id))
      WHERE down.depth < 32
    )
    SELECT DISTINCT id::text FROM down`;
  if (!ids.length) throw notFound("That objective");
  const rows = await db.objective.findMany({
    where: { organizationId: orgId, id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      cycleId: true,
      title: true,
      level: true,
      state: true,
      progress: true,
      parentObjectiveId: true,
      parentKeyResultId: true,
      parentKeyResult: { select: { objectiveId: true } },
      owner: { select: { name: true } },
      team: { select: { name: true } },
      keyResults: { select: { id: true, title: true, progress: true, confidence: true }, orderBy: [{ position: "asc" }, { id: "asc" }] },
    },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });

  const inGraph = new Set(rows.map((r) => r.id));
  const objectives: GraphObjective[] = rows.map((r) => {
    const parent = r.id === rootId ? null : (r.parentObjectiveId ?? r.parentKeyResult?.objectiveId ?? null);
    const parentId = parent && inGraph.has(parent) ? parent : null;
    const worst = Math.max(-1, ...r.keyResults.map((k) => (k.confidence ? CONFIDENCES.indexOf(k.confidence) : -1)));
    return {
      id: r.id,
      title: r.title,
      owner: r.owner.name,
      team: r.team?.name ?? null,
      level: r.level,
      state: r.state,
      progress: Number(r.progress),
      confidence: worst >= 0 ? CONFIDENCES[worst]! : null,
      parentId,
      viaKeyResultId: parentId ? r.parentKeyResultId : null,
    };
  });
  const alignedThrough = new Set(objectives.map((o) => o.viaKeyResultId).filter(Boolean));
  return {
    rootId,
    cycleId: rows.find((r) => r.id === rootId)!.cycleId,
    objectives,
    keyResults: rows.flatMap((r) =>
      r.keyResults.filter((k) => alignedThrough.has(k.id)).map((k) => ({ id: k.id, objectiveId: r.id, title: k.title, progress: Number(k.progress) })),
    ),
  };
}
