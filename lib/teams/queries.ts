import "server-only";
import { listCycleObjectives } from "@/lib/objectives/list";
import { db } from "@/lib/db/prisma";
import type { ReadDb } from "@/lib/db/read";
import { notFound } from "@/lib/errors";
import { pageArgs, type Pagination } from "@/lib/http/pagination";
import { buildTeamTree, flattenTeamTree, type TeamTreeNode } from "./tree";

export interface TeamTreeItem {
  id: string;
  parentId: string | null;
  name: string;
  isArchived: boolean;
  memberCount: number;
  leads: { id: string; name: string }[];
}

export type TeamTree = TeamTreeNode<TeamTreeItem>[];

/**
 * Every team of the organisation as a tree, each with its member count and leads. Three queries whatever the
 * number of teams (the teams, member counts grouped by team, the leads), run together.
 */
export async function listTeamTree(orgId: string, options: { includeArchived?: boolean } = {}): Promise<TeamTree> {
  const archivedFilter = options.includeArchived ? {} : { archivedAt: null };
  const [teams, counts, leads] = await Promise.all([
    db.team.findMany({ where: { organizationId: orgId, ...archivedFilter }, select: { id: true, parentId: true, name: true, archivedAt: true } }),
    db.teamMembership.groupBy({ by: ["teamId"], where: { organizationId: orgId }, _count: { _all: true } }),
    db.teamMembership.findMany({
      where: { organizationId: orgId, role: "lead" },
      select: { teamId: true, user: { select: { id: true, name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
  ]);
  const countByTeam = new Map(counts.map((c) => [c.teamId, c._count._all]));
  const leadsByTeam = new Map<string, { id: string; name: string }[]>();
  for (const lead of leads) {
    const list = leadsByTeam.get(lead.teamId);
    if (list) list.push(lead.user);
    else leadsByTeam.set(lead.teamId, [lead.user]);
  }
  return buildTeamTree(
    teams.map((t) => ({
      id: t.id,
      parentId: t.parentId,
      name: t.name,
      isArchived: t.archivedAt !== null,
      memberCount: countByTeam.get(t.id) ?? 0,
      leads: leadsByTeam.get(t.id) ?? [],
    })),
  );
}

/** Unarchived teams in reading order with their depth: the choices of a parent select. One query. */
export async function listTeamOptions(orgId: string): Promise<{ id: string; parentId: string | null; name: string; depth: number }[]> {
  const teams = await db.team.findMany({ where: { organizationId: orgId, archivedAt: null }, select: { id: true, parentId: true, name: true } });
  return flattenTeamTree(buildTeamTree(teams)).map((t) => ({ id: t.id, parentId: t.parentId, name: t.name, depth: t.depth }));
}

/** The teams above one team, from the top down, in one recursive query; the depth cap guards against bad data. */
async function listAncestors(orgId: string, teamId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.$queryRaw<{ id: string; name: string }[]>`
    WITH RECURSIVE up AS (
      SELECT p.id, p.name, p.parent_id, 1 AS depth
      FROM teams t JOIN teams p ON p.id = t.parent_id AND p.organization_id = t.organization_id
      WHERE t.id = ${teamId}::uuid AND t.organization_id = ${orgId}::uuid
      UNION ALL
      SELECT p.id, p.name, p.parent_id, up.depth + 1
      FROM teams p JOIN up ON p.id = up.parent_id
      WHERE p.organization_id = ${orgId}::uuid AND up.depth < 64
    )
    SELECT id::text AS id, name FROM up ORDER BY depth DESC`;
  return rows;
}

const TEAM_SELECT = { id: true, parentId: true, name: true, archivedAt: true, createdAt: true, updatedAt: true } as const;

/**
 * Everything the team page shows, in one round of parallel queries: the team, its path up to the top, its
 * sub-teams with member counts, its members and its objectives in the cycle (team objectives before personal ones).
 */
export async function getTeamPage(orgId: string, teamId: string, cycleId: string | null) {
  const [team, path, subTeams, members, objectives] = await Promise.all([
    db.team.findFirst({ where: { id: teamId, organizationId: orgId }, select: TEAM_SELECT }),
    listAncestors(orgId, teamId),
    db.team.findMany({
      where: { organizationId: orgId, parentId: teamId },
      select: { id: true, name: true, archivedAt: true, _count: { select: { members: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    db.teamMembership.findMany({
      where: { organizationId: orgId, teamId },
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
    }),
    cycleId ? listCycleObjectives(orgId, cycleId, { teamId }) : Promise.resolve([]),
  ]);
  if (!team) throw notFound("That team");
  return {
    team: { ...team, isArchived: team.archivedAt !== null },
    path,
    subTeams: subTeams.map((t) => ({ id: t.id, name: t.name, isArchived: t.archivedAt !== null, memberCount: t._count.members })),
    members: members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, since: m.createdAt })),
    // Team objectives before the personal ones of its members (listCycleObjectives already orders by level).
    objectives,
  };
}

export type TeamPage = Awaited<ReturnType<typeof getTeamPage>>;

/** One team for the API, with its path up to the top and its member count. */
export async function getTeam(orgId: string, teamId: string) {
  const [team, path] = await Promise.all([
    db.team.findFirst({ where: { id: teamId, organizationId: orgId }, select: { ...TEAM_SELECT, _count: { select: { members: true } } } }),
    listAncestors(orgId, teamId),
  ]);
  if (!team) throw notFound("That team");
  return { ...team, memberCount: team._count.members, path };
}

/** A page of teams for the API, oldest first, optionally under one parent or by archived state. */
export async function listTeams(orgId: string, query: Pagination & { parentId?: string; archived?: "true" | "false" }) {
  const args = pageArgs(query);
  const rows = await db.team.findMany({
    ...args,
    where: {
      ...args.where,
      organizationId: orgId,
      ...(query.parentId ? { parentId: query.parentId } : {}),
      ...(query.archived === "true" ? { archivedAt: { not: null } } : query.archived === "false" ? { archivedAt: null } : {}),
    },
    select: { ...TEAM_SELECT, _count: { select: { members: true } } },
  });
  return rows.map((t) => ({ ...t, memberCount: t._count.members }));
}

/** A page of one team's members for the API; another organisation's team is a 404, not an empty list. */
export async function listTeamMembers(orgId: string, teamId: string, page: Pagination) {
  const args = pageArgs(page);
  const [team, rows] = await Promise.all([
    db.team.findFirst({ where: { id: teamId, organizationId: orgId }, select: { id: true } }),
    db.teamMembership.findMany({
      ...args,
      where: { ...args.where, organizationId: orgId, teamId },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  if (!team) throw notFound("That team");
  return rows;
}

/** The team's name for the page title; null when it is not in the organisation. */
export async function findTeamName(orgId: string, teamId: string): Promise<string | null> {
  const team = await db.team.findFirst({ where: { id: teamId, organizationId: orgId }, select: { name: true } });
  return team?.name ?? null;
}

/** A team and all teams nested beneath it, in one recursive query; none when the organisation has no such team. */
export async function findTeamSubtreeIds(orgId: string, teamId: string, client: Pick<ReadDb, "$queryRaw"> = db): Promise<string[]> {
  const rows = await client.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE sub AS (
      SELECT t.id FROM teams t WHERE t.id = ${teamId}::uuid AND t.organization_id = ${orgId}::uuid
      UNION
      SELECT t.id FROM teams t JOIN sub ON t.parent_id = sub.id WHERE t.organization_id = ${orgId}::uuid
    )
    SELECT id::text AS id FROM sub`;
  return rows.map((r) => r.id);
}
