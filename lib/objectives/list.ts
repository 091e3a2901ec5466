import "server-only";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Confidence, ObjectiveKind, ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";

export interface ObjectiveListItem {
  id: string;
  title: string;
  level: ObjectiveLevel;
  state: ObjectiveState;
  kind: ObjectiveKind;
  progress: number;
  team: { id: string; name: string } | null;
  owner: { id: string; name: string };
  keyResultCount: number;
  /** The most worrying confidence among its key results: what a reader should notice first. */
  confidence: Confidence | null;
  isAligned: boolean;
}

const SEVERITY: Record<Confidence, number> = { on_track: 0, at_risk: 1, off_track: 2 };

/** Above this many objectives the home page shows the ones closest to the person, not the whole cycle. */
export const HOME_LIST_LIMIT = 150;

/**
 * The home page's objectives: the whole cycle for a small organisation; for a large one, the company objectives,
 * the person's own and their teams'. Company first, then by team, in planned order.
 */
export async function listHomeObjectives(orgId: string, cycleId: string, userId: string): Promise<{ total: number; items: ObjectiveListItem[]; isPartial: boolean }> {
  const total = await db.objective.count({ where: { organizationId: orgId, cycleId } });
  if (total <= HOME_LIST_LIMIT) return { total, items: await listCycleObjectives(orgId, cycleId), isPartial: false };
  const teams = await db.teamMembership.findMany({ where: { organizationId: orgId, userId }, select: { teamId: true } });
  const items = await listCycleObjectives(orgId, cycleId, {
    OR: [{ level: "company" }, { ownerId: userId }, { teamId: { in: teams.map((t) => t.teamId) } }],
  });
  return { total, items, isPartial: true };
}

/** The cycle's objectives (optionally narrowed): company first, then by team, in planned order. One query. */
export async function listCycleObjectives(orgId: string, cycleId: string, narrow: Prisma.ObjectiveWhereInput = {}): Promise<ObjectiveListItem[]> {
  const rows = await db.objective.findMany({
    where: { ...narrow, organizationId: orgId, cycleId },
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

/** The organisation's progress in a cycle: the mean of its active and done objectives. */
export async function cycleProgress(orgId: string, cycleId: string): Promise<number> {
  const row = await db.objective.aggregate({ where: { organizationId: orgId, cycleId, state: { in: ["active", "done"] } }, _avg: { progress: true } });
  return Number(row._avg.progress ?? 0);
}
