import path from "node:path";
import pg from "pg";
import { poolConfigFromUrl, withDatabase } from "../../lib/db/connection";
import { checkConnection, startEmbeddedPostgres, type PostgresHandle } from "../../scripts/lib/postgres";

export const BENCH_PG_PORT = 54331;

/**
 * The Postgres server the bench databases live on: DATABASE_URL's server when set, otherwise an embedded one of
 * their own (data in .keel/bench-postgres), so a benchmark never touches the data of `npm start` or the tests.
 */
export async function openBenchServer(): Promise<PostgresHandle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await checkConnection(url);
    return { url, isEmbedded: false, stop: async () => undefined };
  }
  return startEmbeddedPostgres({ dataDir: path.resolve(".keel/bench-postgres"), port: BENCH_PG_PORT, database: "postgres" });
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withMaintenanceClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(poolConfigFromUrl(withDatabase(serverUrl, "postgres")));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseExists(serverUrl: string, database: string): Promise<boolean> {
  return withMaintenanceClient(serverUrl, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    return Boolean(found.rowCount);
  });
}

export async function recreateDatabase(serverUrl: string, database: string): Promise<string> {
  await withMaintenanceClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  });
  return withDatabase(serverUrl, database);
}
