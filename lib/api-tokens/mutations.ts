import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/prisma";
import { AppError, conflict, notFound } from "@/lib/errors";
import { assertCan, can, mayWrite } from "@/lib/permissions";
import { newSecret } from "@/lib/tokens";
import { isActive } from "./queries";
import { createIntegrationIdentity } from "@/lib/auth/integration-identity";
import type { Tx } from "@/lib/db/prisma";
import type { ApiTokenKind, ApiTokenScope } from "@/lib/generated/prisma/enums";
import { expiryFor, type CreateApiTokenInput, type CreateOrganizationApiTokenInput, type TokenExpiryChoice } from "./schemas";

/** Enough for every script a person runs; more usually means tokens are being created instead of reused. */
export const MAX_ACTIVE_TOKENS = 50;

const VIEWER_TOKENS_READ = "A viewer's token can only read: viewers change nothing in the organisation";

/** A personal token for the actor in their current organisation. The secret is returned once and stored hashed. */
export async function createApiToken(actor: Actor, input: CreateApiTokenInput) {
  assertCan(actor, "token.manage", { ownerIds: [actor.userId] });
  if (input.scope === "write" && !mayWrite(actor)) {
    throw new AppError("validation", VIEWER_TOKENS_READ, { scope: [VIEWER_TOKENS_READ] });
  }
  const { secret, hash, display } = newSecret();
  return db.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { organizationId: actor.orgId, userId: actor.userId, ...isActive() } });
    if (active >= MAX_ACTIVE_TOKENS) throw conflict(`You already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one you no longer use first`);
    return { ...(await insertToken(tx, actor, { userId: actor.userId, kind: "personal", name: input.name, hash, display, scope: input.scope, expiresIn: input.expiresIn })), secret };
  });
}

/** Stores a token (only its hash and display prefix) and its audit event, in the caller's transaction. */
async function insertToken(
  tx: Tx,
  actor: Actor,
  t: { userId: string; kind: ApiTokenKind; name: string; hash: string; display: string; scope: ApiTokenScope; expiresIn: TokenExpiryChoice },
) {
  const token = await tx.apiToken.create({
    data: {
      organizationId: actor.orgId,
      userId: t.userId,
      kind: t.kind,
      ...(t.kind === "organization" ? { createdById: actor.userId } : {}),
      name: t.name,
      tokenHash: t.hash,
      prefix: t.display,
      scope: t.scope,
      expiresAt: expiryFor(t.expiresIn),
    },
    select: { id: true, name: true, prefix: true, scope: true, expiresAt: true, createdAt: true },
  });
  await recordAudit(tx, actor, {
    entityType: "api_token",
    entityId: token.id,
    action: "api_token.created",
    after: { name: token.name, prefix: token.prefix, scope: token.scope, kind: t.kind, expiresAt: token.expiresAt?.toISOString() ?? null },
  });
  return token;
}

/**
 * A token of the organisation, for an integration: it acts as an identity of its own (an integration user with the
 * token's name, no password and no membership), with the scope's grants, and keeps working when the admin who made
 * it leaves. Check-ins it makes show its name as where they came from. The secret is returned once.
 */
export async function createOrganizationApiToken(actor: Actor, input: CreateOrganizationApiTokenInput) {
  assertCan(actor, "token.manage_all");
  const { secret, hash, display } = newSecret();
  return db.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { organizationId: actor.orgId, kind: "organization", ...isActive() } });
    if (active >= MAX_ACTIVE_TOKENS) throw conflict(`The organisation already has ${MAX_ACTIVE_TOKENS} active organisation tokens; revoke one it no longer uses first`);
    const userId = await createIntegrationIdentity(tx, input.name);
    return { ...(await insertToken(tx, actor, { userId, kind: "organization", name: input.name, hash, display, scope: input.scope, expiresIn: input.expiresIn })), secret };
  });
}

/** Revokes a token at once: the next request made with it answers 401. Admins may revoke anyone's in their organisation. */
export async function revokeApiToken(actor: Actor, tokenId: string) {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, organizationId: actor.orgId },
      select: { id: true, userId: true, name: true, prefix: true, revokedAt: true },
    });
    if (!token) throw notFound("That token");
    // Owners and admins may cut off anyone's access (removing a member does the same).
    if (!can(actor, "token.manage", { ownerIds: [token.userId] }) && !can(actor, "token.manage_all")) {
      // Someone else's token is not theirs to know about.
      throw notFound("That token");
    }
    const revoked = await tx.apiToken.updateMany({ where: { id: tokenId, organizationId: actor.orgId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count === 0) throw conflict(`${token.name} was already revoked`);
    await recordAudit(tx, actor, { entityType: "api_token", entityId: tokenId, action: "api_token.revoked", before: { name: token.name, prefix: token.prefix, userId: token.userId } });
    return { id: tokenId, name: token.name };
  });
}
