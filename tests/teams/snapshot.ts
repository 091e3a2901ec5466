import { db } from "@/lib/db/prisma";

/**
 * Everything a team change could write in one organisation: its teams, team memberships and team history.
 * Comparing two snapshots proves a refused call wrote nothing.
 */
export async function teamSnapshot(orgId: string) {
  const [teams, members, audits] = await Promise.all([
    db.team.findMany({ where: { organizationId: orgId }, select: { id: true, name: true, parentId: true, archivedAt: true }, orderBy: { id: "asc" } }),
    db.teamMembership.findMany({ where: { organizationId: orgId }, select: { teamId: true, userId: true, role: true }, orderBy: { id: "asc" } }),
    db.auditEvent.count({ where: { organizationId: orgId, entityType: "team" } }),
  ]);
  return { teams, members, audits };
}

/** Snapshots of several organisations at once, so a test can check neither side of a cross-tenant call changed. */
export async function snapshots(...orgIds: string[]) {
  return Promise.all(orgIds.map(teamSnapshot));
}
