import "server-only";
import { db } from "@/lib/db/prisma";

const LIST_LIMIT = 100;

/** The person's own tokens in this organisation, newest first: never the secret, only its display prefix. */
export async function listApiTokens(orgId: string, userId: string) {
  return db.apiToken.findMany({
    where: { organizationId: orgId, userId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
    take: LIST_LIMIT,
  });
}
