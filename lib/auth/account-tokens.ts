import "server-only";
import type { Tx } from "@/lib/db/prisma";
import type { AccountTokenPurpose } from "@/lib/generated/prisma/enums";
import { newSecret, sha256 } from "@/lib/tokens";

export const ACCOUNT_TOKEN_PREFIX = { verify_email: "keel_ver_", reset_password: "keel_rst_" } as const;

/** A reset link is a key to the account, so it is short-lived; a verification link only proves an address. */
export const ACCOUNT_TOKEN_LIFETIME_MS = { verify_email: 48 * 60 * 60 * 1000, reset_password: 60 * 60 * 1000 } as const;

/** Stores the hash of a new single-use secret for the person and returns the secret, for a link in a mail. */
export async function issueAccountToken(tx: Tx, user: { id: string; email: string }, purpose: AccountTokenPurpose, now = new Date()): Promise<string> {
  const { secret, hash } = newSecret(ACCOUNT_TOKEN_PREFIX[purpose]);
  await tx.accountToken.create({
    data: { userId: user.id, purpose, tokenHash: hash, email: user.email, expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_LIFETIME_MS[purpose]) },
  });
  return secret;
}

/**
 * Spends a token: one conditional UPDATE, so two clicks racing on one link cannot both succeed. Null when the
 * secret is unknown, used, expired or for another purpose; all look the same to the person.
 */
export async function consumeAccountToken(tx: Tx, secret: string, purpose: AccountTokenPurpose, now = new Date()): Promise<{ userId: string; email: string } | null> {
  const rows = await tx.$queryRaw<{ user_id: string; email: string }[]>`
    UPDATE account_tokens SET used_at = ${now}
    WHERE token_hash = ${sha256(secret)} AND purpose = ${purpose}::"AccountTokenPurpose" AND used_at IS NULL AND expires_at > ${now}
    RETURNING user_id::text AS user_id, email`;
  const row = rows[0];
  return row ? { userId: row.user_id, email: row.email } : null;
}
