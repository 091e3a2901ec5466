import type { TeamRole } from "@/lib/generated/prisma/enums";

export interface TeamApiRow {
  id: string;
  parentId: string | null;
  name: string;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  memberCount?: number;
  path?: { id: string; name: string }[];
}

export function serializeTeam(team: TeamApiRow) {
  return {
    id: team.id,
    name: team.name,
    parentId: team.parentId,
    archived: team.archivedAt !== null,
    archivedAt: team.archivedAt?.toISOString() ?? null,
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
    ...(team.memberCount !== undefined ? { memberCount: team.memberCount } : {}),
    ...(team.path ? { path: team.path } : {}),
  };
}

export interface TeamMemberApiRow {
  role: TeamRole;
  createdAt: Date;
  user: { id: string; name: string; email: string };
}

export function serializeTeamMember(member: TeamMemberApiRow) {
  return {
    userId: member.user.id,
    name: member.user.name,
    email: member.user.email,
    role: member.role,
    since: member.createdAt.toISOString(),
  };
}
