import pg from "pg";
import { env } from "@/lib/env";
import { NO_TLS_ERROR, PLAIN_REFUSED, poolConfigFromUrl, sslSettings, type SslSettings } from "./connection";

/**
 * sslmode=prefer: connections start with TLS; when the server answers that it has none, this pool drops TLS for every
 * later connection (the server's answer does not change while it runs) and connects again in plain text.
 * sslmode=allow: the other way round, plain first, and TLS from then on when the server refuses plain connections.
 */
export class TlsFallbackPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly fallback: Pick<SslSettings, "fallbackToPlain" | "fallbackToTls">,
  ) {
    super(config);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    const options = (this as unknown as { options: pg.PoolConfig }).options;
    const attempt = super.connect().catch((error: Error) => {
      if (this.fallback.fallbackToPlain && options.ssl && error.message === NO_TLS_ERROR) {
        console.warn("keel: the database server has no TLS; sslmode=prefer allows plain connections, so they are plain from now on");
        options.ssl = false;
        return super.connect();
      }
      if (this.fallback.fallbackToTls && !options.ssl && PLAIN_REFUSED.test(error.message)) {
        console.warn("keel: the database server refuses plain connections; sslmode=allow, so they use TLS from now on");
        options.ssl = this.fallback.fallbackToTls;
        return super.connect();
      }
      throw error;
    });
    if (!callback) return attempt;
    attempt.then(
      (client) => callback(undefined, client, (release?: unknown) => client.release(release as Error | boolean | undefined)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }
}

/** A pool for one Postgres URL (DATABASE_URL, or DATABASE_READ_URL in lib/db/read.ts) with Keel's connection settings. */
export function createPool(url: string, max = Number(process.env.KEEL_DB_POOL_SIZE ?? 10)): pg.Pool {
  const pool = new TlsFallbackPool(
    poolConfigFromUrl(url, {
      max,
      // Postgres compiles any query its planner costs above jit_above_cost. The whole-cycle reads (tree, review) are
      // costed that high because row estimates through CTEs multiply, and compiling them takes longer than running
      // them (about 0.9 s of 1.4 s for the tree at full scale). Keel's queries never gain from JIT. A connection pooler
      // that refuses startup options can be given KEEL_PG_OPTIONS= (empty) and jit = off in postgresql.conf instead.
      options: process.env.KEEL_PG_OPTIONS ?? "-c jit=off",
    }),
    sslSettings(new URL(url).searchParams),
  );
  // lib/db/batch.ts writes text into SQL as literals, escaped for UTF-8; a database created with another encoding
  // would otherwise hand its own default to the session. The first statement on every new connection, before any
  // checkout's own (pg runs a client's queries in order), and a plain SET works behind poolers that refuse options.
  pool.on("connect", (client) => {
    client.query("SET client_encoding = 'UTF8'").catch((error: Error) => console.warn(`keel: could not set client_encoding: ${error.message}`));
  });
  return pool;
}

// One pool per process, shared by Prisma and the hot paths that talk to pg directly (lib/db/batch.ts), so the
// connection limit is one number. Development hot reloads would otherwise open a new pool on every edit.
const globalForPool = globalThis as unknown as { keelPool?: pg.Pool };

export const pool: pg.Pool = globalForPool.keelPool ?? createPool(env().DATABASE_URL);
// An idle connection that drops (a Postgres restart, a network blip) is replaced on the next checkout; without a
// listener its error would end the process.
if (!globalForPool.keelPool) pool.on("error", (error) => console.warn(`keel: an idle database connection failed: ${error.message}`));
if (process.env.NODE_ENV !== "production") globalForPool.keelPool = pool;
