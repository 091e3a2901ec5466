import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const VERSION = "v1";

/**
 * AES-256-GCM for the few secrets Keel must read back (a webhook's signing secret). The key is KEEL_ENCRYPTION_KEY,
 * or one derived from NEXTAUTH_SECRET so a quick start needs nothing more; either way it never sits in the database
 * next to what it protects. Changing it makes the stored secrets unreadable: their endpoints need new ones.
 */
function key(): Buffer {
  const e = env();
  if (e.KEEL_ENCRYPTION_KEY) return createHash("sha256").update(e.KEEL_ENCRYPTION_KEY).digest();
  if (!e.NEXTAUTH_SECRET) throw new Error("Set KEEL_ENCRYPTION_KEY (or NEXTAUTH_SECRET) to store secrets");
  return Buffer.from(hkdfSync("sha256", e.NEXTAUTH_SECRET, "keel", "keel-secret-box", 32));
}

export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
}

export function open(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
