import type pg from "pg";
import { env } from "@/lib/env";
import { createClient, db, type Client } from "./prisma";
import { createPool } from "./pool";

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
export type ReadDb = Pick<Client, "$queryRaw" | "objective" | "keyResult" | "team" | "cycle" | "organization">;

/** A client and its pool for a replica's URL: what readDb() makes from DATABASE_READ_URL, and what tests point at a standby. */
export function createReadDb(url: string, max?: number): { db: ReadDb; pool: pg.Pool; close: () => Promise<void> } {
  const pool = createPool(url, max);
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
