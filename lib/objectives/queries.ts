import "server-only";
import { db } from "@/lib/db/prisma";
import type { ReadDb } from "@/lib/db/read";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ObjectiveLevel } from "@/lib/generated/prisma/enums";
import { pageArgs, toPage, type Pagination } from "@/lib/http/pagination";
import { KEY_RESULT_SNAPSHOT } from "@/lib/key-results/mutations";
import { OBJECTIVE_SNAPSHOT } from "./mutations";
import { describeEvents } from "@/lib/history/describe";
import { objectiveProgressHistory } from "@/lib/checkins/queries";
import { isoDate } from "@/lib/dates/week";
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
  level: string;
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

interface ChainRow {
  depth: number;
  id: string;
  title: string;
  level: ObjectiveLevel;
  progress: string;
  team_name: string | null;
  owner_name: string;
  parent_key_result_id: string | null;
  parent_key_result_title: string | null;
}

/**
 * Everything the objective page shows, in two rounds of queries: the objective with its key results, then in
 * parallel its why chain (one recursive query), what is aligned beneath it, its comments and its history.
 */
export async function getObjectivePage(orgId: string, objectiveId: string) {
  const objective = await db.objective.findFirst({
    where: { id: objectiveId, organizationId: orgId },
    select: {
      ...OBJECTIVE_SNAPSHOT,
      cycle: { select: { id: true, name: true, state: true, startDate: true, endDate: true } },
      team: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true } },
      keyResults: { select: { ...KEY_RESULT_SNAPSHOT, owner: { select: { id: true, name: true } } }, orderBy: { position: "asc" } },
    },
  });
  if (!objective) throw notFound("That objective");
  const keyResultIds = objective.keyResults.map((kr) => kr.id);

  const [chainRows, aligned, subtree, comments, events, checkIns, progressHistory] = await Promise.all([
    db.$queryRaw<ChainRow[]>`
      WITH RECURSIVE up AS (
        SELECT o.id, o.parent_objective_id, o.parent_key_result_id, 0 AS depth
        FROM objectives o WHERE o.id = ${objectiveId}::uuid AND o.organization_id = ${orgId}::uuid
        UNION ALL
        SELECT p.id, p.parent_objective_id, p.parent_key_result_id, up.depth + 1
        FROM up
        LEFT JOIN key_results k ON k.id = up.parent_key_result_id AND k.organization_id = ${orgId}::uuid
        JOIN objectives p ON p.id = COALESCE(up.parent_objective_id, k.objective_id) AND p.organization_id = ${orgId}::uuid
        WHERE up.depth < 64
      )
      SELECT up.depth, o.id::text, o.title, o.level::text, o.progress::text, t.name AS team_name, u.name AS owner_name,
             up.parent_key_result_id::text, pk.title AS parent_key_result_title
      FROM up
      JOIN objectives o ON o.id = up.id
      JOIN users u ON u.id = o.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
      LEFT JOIN key_results pk ON pk.id = up.parent_key_result_id
      ORDER BY up.depth`,
    db.objective.findMany({
      where: { organizationId: orgId, OR: [{ parentObjectiveId: objectiveId }, ...(keyResultIds.length ? [{ parentKeyResultId: { in: keyResultIds } }] : [])] },
      select: {
        id: true,
        title: true,
        level: true,
        state: true,
        progress: true,
        parentKeyResultId: true,
        team: { select: { id: true, name: true } },
        owner: { select: { name: true } },
      },
      orderBy: [{ level: "asc" }, { position: "asc" }],
    }),
    // Everything beneath, at any depth, through the objective or any key result: UNION stops on a cycle.
    db.$queryRaw<{ total: number }[]>`
      WITH RECURSIVE down AS (
        SELECT ${objectiveId}::uuid AS id
        UNION
        SELECT c.id
        FROM down
        LEFT JOIN key_results k ON k.objective_id = down.id AND k.organization_id = ${orgId}::uuid
        JOIN objectives c ON c.organization_id = ${orgId}::uuid AND (c.parent_objective_id = down.id OR c.parent_key_result_id = k.id)
      )
      SELECT (count(*) - 1)::int AS total FROM down`,
    db.comment.findMany({
      where: { organizationId: orgId, objectiveId },
      select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.auditEvent.findMany({
      where: {
        organizationId: orgId,
        OR: [{ entityType: "objective", entityId: objectiveId }, ...(keyResultIds.length ? [{ entityType: "key_result", entityId: { in: keyResultIds } }] : [])],
      },
      select: { id: true, action: true, entityType: true, entityId: true, before: true, after: true, reason: true, createdAt: true, actor: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
    keyResultIds.length
      ? db.checkIn.findMany({
          where: { organizationId: orgId, keyResultId: { in: keyResultIds } },
          select: { id: true, keyResultId: true, week: true, value: true, confidence: true, note: true, version: true, updatedAt: true, author: { select: { name: true } } },
          orderBy: [{ keyResultId: "asc" }, { week: "asc" }],
        })
      : [],
    objectiveProgressHistory(orgId, [objectiveId]),
  ]);
  // The charts' points come from the same rows as the timeline's check-ins.
  const checkInHistory = new Map(objective.keyResults.map((kr) => [kr.id, [] as { week: string; value: string; confidence: (typeof checkIns)[number]["confidence"] }[]]));
  for (const c of checkIns) checkInHistory.get(c.keyResultId)?.push({ week: isoDate(c.week), value: c.value.toString(), confidence: c.confidence });

  // Row 0 is the objective itself; each ancestor is reached through the previous row's parent key result, if any.
  const chain = chainRows.slice(1).map((row, i) => ({
    id: row.id,
    title: row.title,
    level: row.level,
    progress: Number(row.progress),
    teamName: row.team_name,
    ownerName: row.owner_name,
    viaKeyResult: chainRows[i]?.parent_key_result_id ? { id: chainRows[i]!.parent_key_result_id!, title: chainRows[i]!.parent_key_result_title ?? "" } : null,
  }));

  const history = await describeEvents(orgId, events, {
    keyResultTitles: new Map(objective.keyResults.map((kr) => [kr.id, kr.title])),
  });

  return { objective, chain, aligned, subtreeCount: subtree[0]?.total ?? aligned.length, comments, history, checkIns, checkInHistory, progressHistory: progressHistory.get(objectiveId) ?? [] };
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
