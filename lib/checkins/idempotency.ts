import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { batchTransaction, sql, type BatchTx } from "@/lib/db/batch";
import { db } from "@/lib/db/prisma";
import { uuidv7 } from "@/lib/db/uuid";
import { AppError } from "@/lib/errors";

/** A remembered response is replayed for a day; after that the key may be used again. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
  /** True when this answer is a replay of an earlier request with the same key. */
  isReplay: boolean;
}

/** A stable fingerprint of what was asked: same method, path and body (keys in any order) give the same hash. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value) ?? "null";
}

const KEY_INDEX = "idempotency_keys_organization_id_user_id_key_key";

function isKeyTaken(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === "23505" && e.constraint === KEY_INDEX;
}

/**
 * Runs `work` at most once per Idempotency-Key. The key's row is inserted with the response, in the message that
 * commits the work, so the response is stored exactly when the work is committed:
 * - a retry after success gets the stored status and body back and writes nothing;
 * - a retry while the first request is still running waits on the key's unique index (the same request also waits
 *   on the key result's lock), finds the key taken, rolls its own work back and replays the first answer;
 * - a request that failed stored nothing, so a retry runs again;
 * - the same key with a different request is refused (422).
 */
export async function runIdempotent(
  actor: Actor,
  key: string,
  hash: string,
  work: (tx: BatchTx) => Promise<{ status: number; body: unknown }>,
  now: Date = new Date(),
): Promise<StoredResponse> {
  const scope = { organizationId: actor.orgId, userId: actor.userId, key };
  const freshSince = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);

  const replay = async (): Promise<StoredResponse | null> => {
    const stored = await db.idempotencyKey.findFirst({ where: { ...scope, createdAt: { gte: freshSince } }, select: { requestHash: true, status: true, body: true } });
    if (!stored) return null;
    if (stored.requestHash !== hash) {
      throw new AppError("validation", "This Idempotency-Key was already used for a different request; use a new key", {
        "Idempotency-Key": ["Already used for a different request"],
      });
    }
    return { status: stored.status, body: stored.body, isReplay: true };
  };

  const earlier = await replay();
  if (earlier) return earlier;

  try {
    return await batchTransaction(async (tx) => {
      const result = await work(tx);
      // Sent with the COMMIT, after the work's own writes: a key taken meanwhile aborts them all.
      tx.defer(sql`
        DELETE FROM idempotency_keys
         WHERE organization_id = ${actor.orgId}::uuid AND user_id = ${actor.userId}::uuid AND key = ${key} AND created_at < ${freshSince}::timestamptz`);
      tx.defer(sql`
        INSERT INTO idempotency_keys (id, organization_id, user_id, key, request_hash, status, body, created_at)
        VALUES (${uuidv7(now.getTime())}::uuid, ${actor.orgId}::uuid, ${actor.userId}::uuid, ${key}, ${hash}, ${result.status},
                ${JSON.stringify(result.body)}::jsonb, ${now}::timestamptz)`);
      return { ...result, isReplay: false };
    });
  } catch (error) {
    if (!isKeyTaken(error)) throw error;
    const stored = await replay();
    if (stored) return stored;
    throw new AppError("conflict", "A request with this Idempotency-Key is still being processed; retry in a moment");
  }
}

/** Deletes remembered responses older than a day (run hourly by the jobs); returns how many went. */
export async function purgeExpiredIdempotencyKeys(now: Date = new Date()): Promise<number> {
  const { count } = await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
  return count;
}
