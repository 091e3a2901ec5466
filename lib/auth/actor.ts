import "server-only";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import type { PermissionSubject } from "@/lib/permissions";

/** The signed-in person acting in one organisation: everything a domain function needs to scope and authorise. */
export interface Actor extends PermissionSubject {
  userId: string;
  name: string;
  email: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgSlug: string;
  via: "session" | "token";
  apiTokenId: string | null;
  ledTeamIds: ReadonlySet<string>;
  /** Every organisation the person belongs to, for the switcher. */
  organizations: { id: string; name: string }[];
}

/**
 * Resolves a user id (from the session) into an actor in their current organisation, reading membership from
 * the database on every request so a removed member loses access at once. Returns null when the user no longer
 * exists or belongs to no organisation (or not to the one a token was issued for).
 */
export async function resolveActor(
  userId: string,
  options: { via: "session" | "token"; organizationId?: string; apiTokenId?: string } = { via: "session" },
): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      lastOrganizationId: true,
      memberships: {
        select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!user || user.memberships.length === 0) return null;

  const wanted = options.organizationId ?? user.lastOrganizationId;
  const membership =
    user.memberships.find((m) => m.organization.id === wanted) ?? (options.organizationId ? undefined : user.memberships[0]);
  if (!membership) return null;

  const ledTeamIds = await listLedTeamIds(membership.organization.id, user.id);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: membership.role,
    orgId: membership.organization.id,
    orgName: membership.organization.name,
    orgSlug: membership.organization.slug,
    via: options.via,
    apiTokenId: options.apiTokenId ?? null,
    ledTeamIds,
    organizations: user.memberships.map((m) => ({ id: m.organization.id, name: m.organization.name })),
  };
}

/** Teams the user leads, with all teams nested beneath them, in one recursive query. */
async function listLedTeamIds(orgId: string, userId: string): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE led AS (
      SELECT tm.team_id AS id FROM team_memberships tm
      WHERE tm.organization_id = ${orgId}::uuid AND tm.user_id = ${userId}::uuid AND tm.role = 'lead'
      UNION
      SELECT t.id FROM teams t JOIN led ON t.parent_id = led.id
      WHERE t.organization_id = ${orgId}::uuid
    )
    SELECT id::text AS id FROM led`;
  return new Set(rows.map((r) => r.id));
}
