import type pg from "pg";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createClient, db, type Client, type Tx } from "./prisma";
import { createPool } from "./pool";
import { usesPgBouncer } from "./pool-options";

/**
 * Where the heavy whole-cycle reads go: the alignment tree and graph, the review page and its CSV exports. With
 * DATABASE_READ_URL set that is a streaming replica, on a pool of its own, so those reads take load off the primary;
 * unset, it is the primary's client. Nothing else reads through it, and nothing may write through it (a replica refuses).
 *
 * A replica lags the primary (normally milliseconds, more under load or after a restart), so a read here may not yet
 * show a write just made. None of these reads follows the same person's write in one request: the tree, the review and
 * the exports are pages one navigates to. Anything that must see its own write (a form's redirect to what it saved,
 * permission checks, the session, optimistic-concurrency versions) reads `db` from lib/db/prisma.ts, never this.
 */
export type ReadDb = Pick<Client, "$queryRaw" | "$transaction" | "objective" | "keyResult" | "team" | "cycle" | "organization">;

/** What a read inside `readTransaction` gets: the same reads, on the transaction's one connection. */
export type ReadTx = Pick<Tx, "$queryRaw" | "objective" | "keyResult" | "team" | "cycle" | "organization">;

type Source = Readonly<Record<string, string | undefined>>;

/**
 * How long one heavy read may run before Postgres cancels it: KEEL_READ_TIMEOUT_MS, default 15 s. A review or tree of
 * a very large cycle on a busy server must not hold its connection (and the CPU) so long that every other request
 * queues behind it; the person is told to try again instead.
 */
export function readTimeoutMs(source: Source = process.env): number {
  const raw = source.KEEL_READ_TIMEOUT_MS;
  if (raw === undefined || raw === "") return 15_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1) throw new Error(`KEEL_READ_TIMEOUT_MS must be a whole number of milliseconds, not '${raw}'`);
  return ms;
}

/** The answer to a read that ran out of time: a 503 for the API, a "try again" on a page. */
export class ReadTimeoutError extends AppError {
  constructor() {
    super("unavailable", "This is taking longer than it should, usually because the server is busy. Nothing was changed; try again in a moment.");
  }
}

/** Postgres cancelled the statement (57014, statement_timeout), or Prisma gave up on the transaction (P2028) or a connection (P2024). */
function isReadTimeout(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2024" || error.code === "P2028")) return true;
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown }; meta?: { driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } } } | null;
  const codes = [e?.code, e?.cause?.code, e?.cause?.originalCode, e?.meta?.driverAdapterError?.cause?.code, e?.meta?.driverAdapterError?.cause?.originalCode];
  return codes.includes("57014");
}

/**
 * Runs heavy reads in one transaction with a statement_timeout of its own (SET LOCAL, so it works on the primary, on a
 * replica and behind PgBouncer in transaction mode alike, and ends with the transaction). The reads share one connection
 * and one snapshot, so a review is consistent with itself and takes one connection from the pool, not one per query.
 * extra_float_digits = 1 (Postgres' default since 12, set in case a server was configured otherwise) makes doubles print
 * as their shortest exact digits, as JavaScript prints them: lib/review/progress-sql.ts relies on it.
 * A timeout becomes ReadTimeoutError.
 */
export async function readTransaction<T>(client: ReadDb, read: (tx: ReadTx) => Promise<T>, timeoutMs = readTimeoutMs()): Promise<T> {
  try {
    return await client.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true), set_config('extra_float_digits', '1', true)`;
        return read(tx);
      },
      // Waiting for a connection counts against the same budget; the transaction itself gets a little more than its
      // statements so that Postgres' own cancellation, with its clear error, comes first.
      { maxWait: timeoutMs, timeout: timeoutMs + 5_000 },
    );
  } catch (error) {
    if (isReadTimeout(error)) throw new ReadTimeoutError();
    throw error;
  }
}

/** A client and its pool for a replica's URL: what readDb() makes from DATABASE_READ_URL, and what tests point at a standby. */
export function createReadDb(url: string, max?: number): { db: ReadDb; pool: pg.Pool; close: () => Promise<void> } {
  const pool = createPool(url, max);
  // This pool serves heavy reads only, so every statement on it gets the read timeout from its first message (no round
  // trip). PgBouncer refuses startup options; there readTransaction's SET LOCAL is what bounds them.
  if (!usesPgBouncer()) {
    const options = (pool as unknown as { options: pg.PoolConfig }).options;
    options.options = [options.options, `-c statement_timeout=${readTimeoutMs()}`].filter(Boolean).join(" ");
  }
  pool.on("error", (error) => console.warn(`keel: an idle read-replica connection failed: ${error.message}`));
  const client = createClient(pool);
  return {
    db: client,
    pool,
    close: async () => {
      await client.$disconnect();
      await pool.end();
    },
  };
}

// Made on first use, not at import, so a process that never serves these reads never connects to the replica.
const globalForRead = globalThis as unknown as { keelReadDb?: ReadDb };

export function readDb(): ReadDb {
  const url = env().DATABASE_READ_URL;
  if (!url) return db;
  globalForRead.keelReadDb ??= createReadDb(url).db;
  return globalForRead.keelReadDb;
}
