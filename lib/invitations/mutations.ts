import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/prisma";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, can } from "@/lib/permissions";
import { newSecret, sha256 } from "@/lib/tokens";
import { invitationStatus, type InvitationStatus } from "./queries";
import { INVITATION_DAYS, INVITATION_PREFIX, InvitationSecretSchema, invitationPath, type CreateInvitationInput } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A single-use invitation link. Only the secret's hash is stored, so the link is shown this once and cannot be
 * read back from the database by anyone.
 */
export async function createInvitation(actor: Actor, input: CreateInvitationInput) {
  assertCan(actor, "member.invite");
  if (input.role === "owner" && !can(actor, "member.grant_owner")) throw forbidden("Only owners can invite owners");
  const { secret, hash } = newSecret(INVITATION_PREFIX);
  return db.$transaction(async (tx) => {
    if (input.email) {
      const existing = await tx.membership.findFirst({ where: { organizationId: actor.orgId, user: { email: input.email } }, select: { id: true } });
      if (existing) throw new AppError("conflict", `${input.email} is already a member of ${actor.orgName}`, { email: [`${input.email} is already a member`] });
    }
    const invitation = await tx.invitation.create({
      data: {
        organizationId: actor.orgId,
        email: input.email ?? null,
        role: input.role,
        tokenHash: hash,
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * DAY_MS),
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordAudit(tx, actor, { entityType: "invitation", entityId: invitation.id, action: "invitation.created", after: { role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt } });
    return { ...invitation, path: invitationPath(secret) };
  });
}

export async function revokeInvitation(actor: Actor, invitationId: string) {
  assertCan(actor, "member.invite");
  return db.$transaction(async (tx) => {
    // Conditional, so a revocation racing an acceptance cannot take back a membership that was already granted.
    const revoked = await tx.invitation.updateMany({
      where: { id: invitationId, organizationId: actor.orgId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, organizationId: actor.orgId },
      select: { email: true, role: true, acceptedAt: true },
    });
    if (!invitation) throw notFound("That invitation");
    if (revoked.count === 0) throw conflict(invitation.acceptedAt ? "That invitation has already been accepted" : "That invitation was already revoked");
    await recordAudit(tx, actor, { entityType: "invitation", entityId: invitationId, action: "invitation.revoked", before: { role: invitation.role, email: invitation.email } });
    return { id: invitationId, email: invitation.email };
  });
}

const ACCEPT_REFUSED: Record<Exclude<InvitationStatus, "valid">, string> = {
  expired: "This invitation has expired. Ask for a new link.",
  used: "This invitation has already been used. Ask for a new link.",
  revoked: "This invitation was revoked. Ask for a new link.",
};

/**
 * Joins the invitation's organisation. The invitation is claimed by one conditional UPDATE, so of two acceptances
 * racing for the same link exactly one succeeds; the membership, the switch to that organisation and the history
 * land in the same transaction.
 */
export async function acceptInvitation(userId: string, secret: string) {
  if (!InvitationSecretSchema.safeParse(secret).success) throw notFound("That invitation");
  const tokenHash = sha256(secret);
  try {
    return await db.$transaction(async (tx) => {
      // One connection serves the whole transaction: its queries run one after the other.
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
      const invitation = await tx.invitation.findUnique({
        where: { tokenHash },
        select: { id: true, organizationId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, organization: { select: { name: true } } },
      });
      if (!user) throw new AppError("unauthenticated", "Your session has ended; sign in again");
      if (!invitation) throw notFound("That invitation");
      const status = invitationStatus(invitation);
      if (status !== "valid") throw conflict(ACCEPT_REFUSED[status]);
      if (invitation.email && invitation.email.toLowerCase() !== user.email.toLowerCase()) {
        throw forbidden(`This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
      }
      const existing = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId: invitation.organizationId, userId } },
        select: { id: true },
      });
      if (existing) throw conflict(`You are already a member of ${invitation.organization.name}`);

      const claimed = await tx.$executeRaw`
        UPDATE invitations SET accepted_at = now(), accepted_by_id = ${userId}::uuid
        WHERE id = ${invitation.id}::uuid AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`;
      if (claimed !== 1) {
        const now = await tx.invitation.findUniqueOrThrow({ where: { id: invitation.id }, select: { expiresAt: true, acceptedAt: true, revokedAt: true } });
        const current = invitationStatus(now);
        throw conflict(ACCEPT_REFUSED[current === "valid" ? "used" : current]);
      }
      await tx.membership.create({ data: { organizationId: invitation.organizationId, userId, role: invitation.role } });
      await tx.user.update({ where: { id: userId }, data: { lastOrganizationId: invitation.organizationId } });
      await recordAudit(tx, { orgId: invitation.organizationId, userId }, {
        entityType: "user",
        entityId: userId,
        action: "member.joined",
        after: { role: invitation.role, invitationId: invitation.id },
      });
      return { organizationId: invitation.organizationId, organizationName: invitation.organization.name, role: invitation.role };
    });
  } catch (error) {
    // Two different invitations to the same organisation accepted at once: the unique membership decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw conflict("You are already a member of that organisation");
    throw error;
  }
}
