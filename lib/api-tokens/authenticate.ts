import "server-only";
import { db } from "@/lib/db/prisma";
import { API_TOKEN_PREFIX, sha256 } from "@/lib/tokens";

// lastUsedAt is for people reviewing their tokens; minute precision spares a write on every request.
const LAST_USED_PRECISION_MS = 60_000;

/** The active token behind a bearer secret, or null when it is unknown or revoked. */
export async function findActiveApiToken(secret: string) {
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) return null;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: sha256(secret) },
    select: { id: true, userId: true, organizationId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return token;
}
