import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { ProfileInput } from "./schemas";

const SELECT = { id: true, name: true, email: true, timeZone: true, remindersEnabled: true } as const;

export async function getProfile(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: SELECT });
  if (!user) throw notFound("Your account");
  return user;
}

/**
 * A person's own name, time zone and reminder switch. The change is recorded in the history of every
 * organisation they belong to, since each sees their name and gets their check-ins by their time zone.
 */
export async function updateProfile(userId: string, input: ProfileInput) {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { ...SELECT, memberships: { select: { organizationId: true } } } });
    if (!before) throw notFound("Your account");
    const after = await tx.user.update({ where: { id: userId }, data: { name: input.name, timeZone: input.timeZone, remindersEnabled: input.remindersEnabled }, select: SELECT });
    const changes = { name: before.name, timeZone: before.timeZone, remindersEnabled: before.remindersEnabled };
    for (const { organizationId } of before.memberships) {
      await recordAudit(tx, { orgId: organizationId, userId }, {
        entityType: "user",
        entityId: userId,
        action: "user.profile_updated",
        before: changes,
        after: { name: after.name, timeZone: after.timeZone, remindersEnabled: after.remindersEnabled },
      });
    }
    return after;
  });
}
