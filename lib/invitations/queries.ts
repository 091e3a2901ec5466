import "server-only";
import { db } from "@/lib/db/prisma";
import type { RoleName } from "@/lib/members/schemas";
import { sha256 } from "@/lib/tokens";
import { InvitationSecretSchema } from "./schemas";

export type InvitationStatus = "valid" | "expired" | "used" | "revoked";

export interface InvitationDescription {
  organizationId: string;
  organizationName: string;
  role: RoleName;
  inviterName: string;
  /** Only this address may accept, when set. */
  email: string | null;
  expiresAt: Date;
  status: InvitationStatus;
  /** Who used it, so the person who did can be told they are in rather than that the link is spent. */
  acceptedById: string | null;
}

export function invitationStatus(invitation: { revokedAt: Date | null; acceptedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (invitation.revokedAt) return "revoked";
  if (invitation.acceptedAt) return "used";
  if (invitation.expiresAt <= now) return "expired";
  return "valid";
}

/**
 * What an invitation link offers, for the public invite page: whoever holds the secret may see the organisation,
 * the role and who invited them. Null when the link names no invitation.
 */
export async function describeInvitation(secret: string): Promise<InvitationDescription | null> {
  if (!InvitationSecretSchema.safeParse(secret).success) return null;
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: sha256(secret) },
    select: {
      organizationId: true,
      role: true,
      email: true,
      expiresAt: true,
      acceptedAt: true,
      acceptedById: true,
      revokedAt: true,
      organization: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  return {
    organizationId: invitation.organizationId,
    organizationName: invitation.organization.name,
    role: invitation.role,
    inviterName: invitation.invitedBy.name,
    email: invitation.email,
    expiresAt: invitation.expiresAt,
    status: invitationStatus(invitation),
    acceptedById: invitation.acceptedById,
  };
}

/** Who is looking at an invitation while signed in: their address, and whether they already belong to its organisation. */
export async function describeInvitee(userId: string, organizationId: string): Promise<{ email: string; isMember: boolean } | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, memberships: { where: { organizationId }, select: { id: true } } },
  });
  return user ? { email: user.email, isMember: user.memberships.length > 0 } : null;
}

const PENDING_LIMIT = 200;

/** Invitations still waiting to be accepted, newest first; the page shows at most the newest 200. */
export async function listPendingInvitations(orgId: string) {
  const rows = await db.invitation.findMany({
    where: { organizationId: orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: PENDING_LIMIT + 1,
  });
  return { invitations: rows.slice(0, PENDING_LIMIT), hasMore: rows.length > PENDING_LIMIT };
}
