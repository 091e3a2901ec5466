import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db/prisma";
import { recordAudit } from "@/lib/audit";

export function slugify(name: string): string {
  const base = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return base || "organisation";
}

/** A new organisation with its creator as owner, and the history of both, inside the caller's transaction. */
export async function createOrganizationWithOwner(tx: Tx, input: { name: string; ownerId: string }) {
  let slug = slugify(input.name);
  if (await tx.organization.findUnique({ where: { slug }, select: { id: true } })) {
    slug = `${slug}-${randomBytes(3).toString("hex")}`;
  }
  const organization = await tx.organization.create({ data: { name: input.name, slug } });
  await tx.membership.create({ data: { organizationId: organization.id, userId: input.ownerId, role: "owner" } });
  await tx.user.update({ where: { id: input.ownerId }, data: { lastOrganizationId: organization.id } });
  const actor = { orgId: organization.id, userId: input.ownerId };
  await recordAudit(tx, actor, { entityType: "organization", entityId: organization.id, action: "organization.created", after: { name: organization.name } });
  await recordAudit(tx, actor, { entityType: "user", entityId: input.ownerId, action: "member.joined", after: { role: "owner" } });
  return organization;
}

/** A signed-in person starts another organisation (or their first, after single sign-on). */
export async function createOrganizationForUser(userId: string, name: string) {
  return db.$transaction((tx) => createOrganizationWithOwner(tx, { name, ownerId: userId }));
}
