import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { layoutTree } from "./layout";

export const BOX_WIDTH = 260;
const HEADER = 64;
const KR_LINE = 18;
export const MAX_KRS_SHOWN = 4;

export interface GraphNode {
  id: string;
  title: string;
  owner: string;
  team: string | null;
  level: string;
  progress: number;
  state: string;
  parentId: string | null;
  viaKeyResult: string | null;
  keyResults: { title: string; progress: number; confidence: string | null }[];
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One objective and everything aligned beneath it (directly or through its key results), laid out as boxes for the
 * graph view. Two queries: the subtree's ids (recursive), then its rows.
 */
export async function loadGraph(orgId: string, rootId: string): Promise<{ nodes: GraphNode[]; width: number; height: number; cycleId: string }> {
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
      parentKeyResult: { select: { objectiveId: true, title: true } },
      owner: { select: { name: true } },
      team: { select: { name: true } },
      keyResults: { select: { title: true, progress: true, confidence: true }, orderBy: { position: "asc" } },
    },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  const inGraph = new Set(rows.map((r) => r.id));
  const parentOf = (r: (typeof rows)[number]) => {
    if (r.id === rootId) return null;
    const parent = r.parentObjectiveId ?? r.parentKeyResult?.objectiveId ?? null;
    return parent && inGraph.has(parent) ? parent : null;
  };
  const heightOf = (r: (typeof rows)[number]) => HEADER + Math.min(r.keyResults.length, MAX_KRS_SHOWN + 1) * KR_LINE + (r.parentKeyResult ? KR_LINE : 0);
  const layout = layoutTree(rows.map((r) => ({ id: r.id, parentId: parentOf(r), width: BOX_WIDTH, height: heightOf(r) })), { gapX: 28, gapY: 64 });
  return {
    cycleId: rows[0]!.cycleId,
    width: layout.width,
    height: layout.height,
    nodes: rows.map((r) => {
      const placed = layout.nodes.get(r.id)!;
      return {
        id: r.id,
        title: r.title,
        owner: r.owner.name,
        team: r.team?.name ?? null,
        level: r.level,
        progress: Number(r.progress),
        state: r.state,
        parentId: parentOf(r),
        viaKeyResult: r.parentKeyResult && r.id !== rootId ? r.parentKeyResult.title : null,
        keyResults: r.keyResults.map((k) => ({ title: k.title, progress: Number(k.progress), confidence: k.confidence })),
        x: placed.x,
        y: placed.y,
        width: placed.width,
        height: placed.height,
      };
    }),
  };
}
