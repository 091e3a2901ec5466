import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/prisma";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { assertCan, can } from "@/lib/permissions";
import type { RoleName } from "./schemas";

interface LockedMember {
  id: string;
  userId: string;
  role: RoleName;
  name: string;
}

/**
 * Locks the member's row together with every owner's row of the organisation, in id order. Two owners demoting or
 * removing each other at the same moment then queue up, and the second one sees that only one owner is left.
 */
async function lockMemberAndOwners(tx: Tx, orgId: string, userId: string): Promise<{ member: LockedMember; ownerCount: number }> {
  const rows = await tx.$queryRaw<{ id: string; user_id: string; role: RoleName; name: string }[]>`
    SELECT m.id::text AS id, m.user_id::text AS user_id, m.role::text AS role, u.name
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organization_id = ${orgId}::uuid AND (m.role = 'owner' OR m.user_id = ${userId}::uuid)
    ORDER BY m.id
    FOR UPDATE OF m`;
  const row = rows.find((r) => r.user_id === userId);
  if (!row) throw notFound("That member");
  return {
    member: { id: row.id, userId: row.user_id, role: row.role, name: row.name },
    ownerCount: rows.filter((r) => r.role === "owner").length,
  };
}

export async function changeRole(actor: Actor, userId: string, role: RoleName) {
  assertCan(actor, "member.update");
  return db.$transaction(async (tx) => {
    const { member, ownerCount } = await lockMemberAndOwners(tx, actor.orgId, userId);
    if (member.role === role) return { userId, name: member.name, role };
    if (member.role === "owner" && !can(actor, "member.grant_owner")) throw forbidden("Only owners can change an owner's role");
    if (role === "owner") assertCan(actor, "member.grant_owner");
    if (member.role === "owner" && ownerCount <= 1) {
      throw conflict(`${member.name} is the only owner of ${actor.orgName}; make someone else an owner first`);
    }
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAudit(tx, actor, { entityType: "user", entityId: userId, action: "member.role_changed", before: { role: member.role }, after: { role } });
    return { userId, name: member.name, role };
  });
}

/**
 * Ends someone's membership: their team memberships here go, and their API tokens for this organisation stop
 * working. Their goals and check-ins stay, since the history belongs to the organisation.
 */
export async function removeMember(actor: Actor, userId: string) {
  assertCan(actor, "member.remove");
  return db.$transaction(async (tx) => {
    const { member, ownerCount } = await lockMemberAndOwners(tx, actor.orgId, userId);
    if (member.role === "owner") {
      if (!can(actor, "member.grant_owner")) throw forbidden("Only owners can remove an owner");
      if (ownerCount <= 1) throw conflict(`${member.name} is the only owner of ${actor.orgName}; make someone else an owner first`);
    }
    const teams = await tx.teamMembership.deleteMany({ where: { organizationId: actor.orgId, userId } });
    const tokens = await tx.apiToken.updateMany({ where: { organizationId: actor.orgId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.membership.delete({ where: { id: member.id } });
    // Their next sign-in should not aim at an organisation they no longer belong to.
    await tx.user.updateMany({ where: { id: userId, lastOrganizationId: actor.orgId }, data: { lastOrganizationId: null } });
    // Every session of theirs ends at once, so no page or form open in this organisation keeps working for them.
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, {
      entityType: "user",
      entityId: userId,
      action: "member.removed",
      before: { role: member.role },
      after: { teamMembershipsEnded: teams.count, apiTokensRevoked: tokens.count },
    });
    return { userId, name: member.name };
  });
}
