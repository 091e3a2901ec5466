import "server-only";
import { db } from "@/lib/db/prisma";
import type { Confidence, ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";

export interface ObjectiveListItem {
  id: string;
  title: string;
  level: ObjectiveLevel;
  state: ObjectiveState;
  kind: "committed" | "aspirational";
  progress: number;
  team: { id: string; name: string } | null;
  owner: { id: string; name: string };
  keyResultCount: number;
  /** The most worrying confidence among its key results: what a reader should notice first. */
  confidence: Confidence | null;
  isAligned: boolean;
}

const SEVERITY: Record<Confidence, number> = { on_track: 0, at_risk: 1, off_track: 2 };

/** The cycle's objectives for the home page: company first, then by team, in planned order. One query. */
export async function listCycleObjectives(orgId: string, cycleId: string): Promise<ObjectiveListItem[]> {
  const rows = await db.objective.findMany({
    where: { organizationId: orgId, cycleId },
    select: {
      id: true,
      title: true,
      level: true,
      state: true,
      kind: true,
      progress: true,
      parentObjectiveId: true,
      parentKeyResultId: true,
      team: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true } },
      keyResults: { select: { confidence: true } },
    },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  const levelOrder: Record<ObjectiveLevel, number> = { company: 0, team: 1, personal: 2 };
  return rows
    .map((o) => ({
      id: o.id,
      title: o.title,
      level: o.level,
      state: o.state,
      kind: o.kind,
      progress: Number(o.progress),
      team: o.team,
      owner: o.owner,
      keyResultCount: o.keyResults.length,
      confidence: o.keyResults.reduce<Confidence | null>(
        (worst, kr) => (kr.confidence && (!worst || SEVERITY[kr.confidence] > SEVERITY[worst]) ? kr.confidence : worst),
        null,
      ),
      isAligned: Boolean(o.parentObjectiveId || o.parentKeyResultId),
    }))
    .sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);
}
