import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { ApiTokenScope } from "@/lib/generated/prisma/enums";
import { INTEGRATION_GRANTS } from "@/lib/permissions";

/**
 * The actor of an organisation token: its integration identity (the token's user), in the token's organisation, with
 * the scope's grants instead of a role's. The role is only a label here (grants decide), the closest one in reach.
 */
export async function integrationActor(token: { id: string; userId: string; organizationId: string; name: string; scope: ApiTokenScope }): Promise<Actor | null> {
  const org = await db.organization.findUnique({ where: { id: token.organizationId }, select: { id: true, name: true, slug: true } });
  if (!org) return null;
  return {
    userId: token.userId,
    name: token.name,
    email: "",
    timeZone: "UTC",
    isEmailVerified: false,
    role: token.scope === "write" ? "member" : "viewer",
    grants: INTEGRATION_GRANTS[token.scope],
    orgId: org.id,
    orgName: org.name,
    orgSlug: org.slug,
    via: "token",
    apiTokenId: token.id,
    token: { id: token.id, kind: "organization", scope: token.scope },
    ledTeamIds: new Set(),
    organizations: [{ id: org.id, name: org.name }],
  };
}
