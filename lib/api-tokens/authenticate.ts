import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { API_TOKEN_PREFIX, sha256 } from "@/lib/tokens";

// lastUsedAt is for people reviewing their tokens; minute precision spares a write on every request.
const LAST_USED_PRECISION_MS = 60_000;

/** Methods that change nothing: all a read-only token may send. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The token behind a bearer secret, allowed to make a request with this method. Unknown, revoked and expired
 * tokens answer 401 (the person must make a new one); a read-only token sending a write answers 403.
 */
export async function authenticateApiToken(secret: string, method: string) {
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) throw unknownToken();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: sha256(secret) },
    select: { id: true, userId: true, organizationId: true, scope: true, kind: true, name: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt) throw unknownToken();
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) {
    throw new AppError("unauthenticated", "That API token has expired; create a new one in your profile's API tokens");
  }
  if (token.scope === "read" && !READ_METHODS.has(method.toUpperCase())) {
    throw new AppError("forbidden", "That API token is read-only; create a token with write access to make changes");
  }
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return token;
}

function unknownToken(): AppError {
  return new AppError("unauthenticated", "That API token is unknown or has been revoked");
}
