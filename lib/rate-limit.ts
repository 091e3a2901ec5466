import "server-only";
import { headers } from "next/headers";
import { db } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address";
import { RateLimitedError } from "@/lib/errors";
import { sha256 } from "@/lib/tokens";

export interface Limit {
  attempts: number;
  windowSeconds: number;
}

/**
 * Per account the limits stop guessing one person's password from many addresses; per address they stop one
 * client working through many accounts. Sign-up and reset are rarer than sign-in, so their windows are longer.
 */
export const LIMITS = {
  signInAccount: { attempts: 10, windowSeconds: 15 * 60 },
  signInAddress: { attempts: 30, windowSeconds: 15 * 60 },
  signUpAccount: { attempts: 5, windowSeconds: 60 * 60 },
  signUpAddress: { attempts: 10, windowSeconds: 60 * 60 },
  passwordResetAccount: { attempts: 5, windowSeconds: 60 * 60 },
  passwordResetAddress: { attempts: 20, windowSeconds: 60 * 60 },
  invitationAccount: { attempts: 10, windowSeconds: 15 * 60 },
  invitationAddress: { attempts: 30, windowSeconds: 15 * 60 },
} as const satisfies Record<string, Limit>;

/**
 * The client's address as far as this server can know it. With KEEL_TRUSTED_PROXIES=0 (no proxy in front) it is
 * the connection's own address; with N proxies it is the Nth X-Forwarded-For entry from the right, the one the
 * outermost trusted proxy appended. Entries further left were written by the client and prove nothing.
 */
export function clientAddress(headers: Headers, trustedProxies: number = env().KEEL_TRUSTED_PROXIES): string {
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim() || "unknown";
  if (trustedProxies <= 0) return peer;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than trusted proxies: the request skipped a proxy, so only the connection itself is known.
  return chain[chain.length - trustedProxies] ?? peer;
}

/** The client address of the request a server action is answering. */
export async function currentClientAddress(): Promise<string> {
  return clientAddress(await headers());
}

/** One spelling per person, so "Ann@Example.com " and "ann@example.com" share a counter. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Counts one hit in a fixed window kept in Postgres, so every app server sees the same count. The key is hashed:
 * whatever length an email or header has, the stored key is the same size.
 */
export async function hitRateLimit(key: string, windowSeconds: number): Promise<{ count: number; retryAfterSeconds: number }> {
  const rows = await db.$queryRaw<{ count: number; retry_after: number }[]>`
    INSERT INTO rate_limits (key, count, window_start, expires_at)
    VALUES (${hashKey(key)}, 1, now(), now() + make_interval(secs => ${windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.expires_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.expires_at <= now() THEN now() ELSE rate_limits.window_start END,
      expires_at = CASE WHEN rate_limits.expires_at <= now() THEN now() + make_interval(secs => ${windowSeconds}) ELSE rate_limits.expires_at END
    RETURNING count, GREATEST(1, CEIL(EXTRACT(EPOCH FROM expires_at - now())))::int AS retry_after`;
  const row = rows[0];
  return { count: row?.count ?? 1, retryAfterSeconds: row?.retry_after ?? windowSeconds };
}

/** The stored form of a limit key: its name before the colon stays readable for whoever looks at the table. */
export function hashKey(key: string): string {
  const colon = key.indexOf(":");
  const kind = colon > 0 && colon <= 24 ? key.slice(0, colon) : "key";
  return `${kind}:${sha256(key)}`;
}

/**
 * Counts a hit against every limit given, then refuses when any is exceeded. All counters move even when one
 * refuses, so a client cannot spend its attempts on one key while another is still open.
 */
export async function enforceRateLimits(checks: { key: string; limit: Limit }[], message: (minutes: number) => string): Promise<void> {
  let retryAfterSeconds = 0;
  for (const { key, limit } of checks) {
    const hit = await hitRateLimit(key, limit.windowSeconds);
    if (hit.count > limit.attempts) retryAfterSeconds = Math.max(retryAfterSeconds, hit.retryAfterSeconds);
  }
  if (retryAfterSeconds > 0) throw new RateLimitedError(message(Math.ceil(retryAfterSeconds / 60)), retryAfterSeconds);
}

/** One limit on one key, for the rarer account actions (resending a verification link, changing a password). */
export function enforceRateLimit(key: string, attempts: number, windowSeconds: number): Promise<void> {
  return enforceRateLimits([{ key, limit: { attempts, windowSeconds } }], (minutes) => `Too many attempts. Wait ${plural(minutes)} and try again.`);
}

export function limitSignIn(email: string, address: string): Promise<void> {
  return enforceRateLimits(
    [
      { key: `signin-account:${normaliseEmail(email)}`, limit: LIMITS.signInAccount },
      { key: `signin-address:${address}`, limit: LIMITS.signInAddress },
    ],
    (minutes) => `Too many sign-in attempts. Wait ${plural(minutes)} and try again.`,
  );
}

export function limitSignUp(email: string, address: string): Promise<void> {
  return enforceRateLimits(
    [
      { key: `signup-account:${normaliseEmail(email)}`, limit: LIMITS.signUpAccount },
      { key: `signup-address:${address}`, limit: LIMITS.signUpAddress },
    ],
    (minutes) => `Too many sign-up attempts. Wait ${plural(minutes)} and try again.`,
  );
}

/** For the password-reset request: call before looking the email up, so the answer is the same for every address. */
export function limitPasswordReset(email: string, address: string): Promise<void> {
  return enforceRateLimits(
    [
      { key: `reset-account:${normaliseEmail(email)}`, limit: LIMITS.passwordResetAccount },
      { key: `reset-address:${address}`, limit: LIMITS.passwordResetAddress },
    ],
    (minutes) => `Too many password reset requests. Wait ${plural(minutes)} and try again.`,
  );
}

/** Invitation links are secrets; this stops a signed-in account, or one address, from guessing them. */
export function limitInvitationAcceptance(userId: string, address: string): Promise<void> {
  return enforceRateLimits(
    [
      { key: `invite-account:${userId}`, limit: LIMITS.invitationAccount },
      { key: `invite-address:${address}`, limit: LIMITS.invitationAddress },
    ],
    (minutes) => `Too many invitation attempts. Wait ${plural(minutes)} and try again.`,
  );
}

/** Deletes counters whose window has ended: they would start from zero anyway. Run by the cleanup job. */
export async function purgeExpiredRateLimits(now: Date = new Date()): Promise<number> {
  const deleted = await db.rateLimit.deleteMany({ where: { expiresAt: { lt: now } } });
  return deleted.count;
}

function plural(minutes: number): string {
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
