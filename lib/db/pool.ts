import pg from "pg";
import { env } from "@/lib/env";
import { NO_TLS_ERROR, PLAIN_REFUSED, poolConfigFromUrl, sslSettings, type SslSettings } from "./connection";
import { poolOptions } from "./pool-options";

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
export function createPool(url: string, max = poolOptions().max): pg.Pool {
  const pool = new TlsFallbackPool(
    poolConfigFromUrl(url, { ...poolOptions(), max }),
    sslSettings(new URL(url).searchParams),
  );
  // Bind parameters (lib/db/batch.ts, Prisma) are sent as UTF-8 bytes, so every session must be UTF-8 whatever the
  // database's own encoding. pg's startup message always carries client_encoding=UTF8 (pg-protocol's serializer), a
  // startup parameter PgBouncer also records for each client and applies to whichever server connection serves it;
  // a SET here would be one more round trip, and behind PgBouncer in transaction mode it would run on an arbitrary
  // server connection. tests/db/pgbouncer.test.ts checks both ways on a LATIN1 database.
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
