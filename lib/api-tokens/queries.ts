import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { assertCan } from "@/lib/permissions";

const LIST_LIMIT = 100;
const ORGANIZATION_LIST_LIMIT = 500;

/** Neither revoked nor past its expiry: a token that still opens the API. */
export function isActive(now: Date = new Date()) {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

const TOKEN_SELECT = { id: true, name: true, prefix: true, scope: true, kind: true, createdAt: true, lastUsedAt: true, expiresAt: true } as const;

/** The person's own working tokens in this organisation, newest first: never the secret, only its display prefix. */
export async function listApiTokens(orgId: string, userId: string) {
  return db.apiToken.findMany({
    where: { organizationId: orgId, userId, kind: "personal", ...isActive() },
    select: TOKEN_SELECT,
    orderBy: { createdAt: "desc" },
    take: LIST_LIMIT,
  });
}

/** Every working token in the actor's organisation with its owner, for owners and admins to review and revoke. */
export async function listOrganizationApiTokens(actor: Actor) {
  assertCan(actor, "token.manage_all");
  return db.apiToken.findMany({
    where: { organizationId: actor.orgId, ...isActive() },
    select: { ...TOKEN_SELECT, user: { select: { id: true, name: true, email: true } }, createdBy: { select: { name: true } } },
    orderBy: [{ lastUsedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: ORGANIZATION_LIST_LIMIT,
  });
}
