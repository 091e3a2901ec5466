import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/** Makes another of the person's organisations the current one; only ones they are a member of. */
export async function switchOrganization(userId: string, organizationId: string): Promise<void> {
  const membership = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { id: true },
  });
  if (!membership) throw new AppError("not_found", "That organisation was not found");
  await db.user.update({ where: { id: userId }, data: { lastOrganizationId: organizationId } });
}
