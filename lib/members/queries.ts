import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { toPage, type Page } from "@/lib/http/pagination";
import type { ListMembersQuery } from "./schemas";
import type { MemberRow } from "./serialize";

const MEMBER_SELECT = { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } } as const;

/** LIKE treats % and _ as wildcards; a person searching for "a_b" means those characters. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of the organisation's members, in membership order (uuid v7, so oldest first), optionally filtered by
 * role and by a case-insensitive fragment of the name or email.
 */
export async function listMembers(orgId: string, query: Partial<ListMembersQuery> = {}): Promise<Page<MemberRow>> {
  const limit = query.limit ?? 50;
  const q = query.q ? likeEscape(query.q) : undefined;
  const rows = await db.membership.findMany({
    where: {
      organizationId: orgId,
      role: query.role,
      ...(query.cursor ? { id: { gt: query.cursor } } : {}),
      ...(q
        ? { user: { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { email: { contains: q, mode: "insensitive" as const } }] } }
        : {}),
    },
    select: MEMBER_SELECT,
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return toPage(rows, { limit, cursor: query.cursor }, (row) => row);
}

/** One member of the organisation by their user id; anyone else (another organisation's people too) is a 404. */
export async function getMember(orgId: string, userId: string): Promise<MemberRow> {
  const row = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId: orgId, userId } },
    select: MEMBER_SELECT,
  });
  if (!row) throw notFound("That member");
  return row;
}

export interface MemberTeam {
  id: string;
  name: string;
  role: "lead" | "member";
}

/** The teams of several members at once (one query for a whole page of people), by user id. */
export async function listTeamsOfMembers(orgId: string, userIds: readonly string[]): Promise<Map<string, MemberTeam[]>> {
  const out = new Map<string, MemberTeam[]>();
  if (!userIds.length) return out;
  const rows = await db.teamMembership.findMany({
    where: { organizationId: orgId, userId: { in: [...userIds] }, team: { archivedAt: null } },
    select: { userId: true, role: true, team: { select: { id: true, name: true } } },
    orderBy: { team: { name: "asc" } },
  });
  for (const row of rows) {
    const list = out.get(row.userId) ?? [];
    list.push({ id: row.team.id, name: row.team.name, role: row.role });
    out.set(row.userId, list);
  }
  return out;
}

export async function countMembers(orgId: string): Promise<number> {
  return db.membership.count({ where: { organizationId: orgId } });
}

/** Whether the person is a member of the organisation. */
export async function isMember(orgId: string, userId: string): Promise<boolean> {
  const membership = await db.membership.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId } }, select: { id: true } });
  return membership !== null;
}
