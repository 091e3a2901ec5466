import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "keel_";

/** A random secret for the user to keep, and the hash we store in its place. */
export function newSecret(prefix = API_TOKEN_PREFIX): { secret: string; hash: string; display: string } {
  const secret = `${prefix}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: sha256(secret), display: secret.slice(0, prefix.length + 6) };
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
