import path from "node:path";
import { withDatabase } from "../../lib/db/connection";
import { applyMigrationFiles } from "../../scripts/lib/migrations";
import { startEmbeddedPostgres, type PostgresHandle } from "../../scripts/lib/postgres";
import { quoteIdent, TEMPLATE_DATABASE, WORKER_DATABASE_PREFIX, withAdminClient } from "./databases";

/**
 * Once per run: a Postgres server (DATABASE_URL, or the embedded one), a template database migrated from the
 * committed migrations, and no leftovers from earlier runs. Each worker clones the template (see worker.ts).
 */
export default async function setup({ provide }: { provide: (key: "serverUrl", value: string) => void }) {
  let embedded: PostgresHandle | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(".keel/test-postgres"), port: Number(process.env.KEEL_TEST_PG_PORT ?? 54330), database: "postgres" });
    serverUrl = embedded.url;
  }
  await withAdminClient(serverUrl, async (client) => {
    const stale = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2", [TEMPLATE_DATABASE, `${WORKER_DATABASE_PREFIX}%`]);
    for (const { datname } of stale.rows) await client.query(`DROP DATABASE ${quoteIdent(datname)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(TEMPLATE_DATABASE)}`);
  });
  await applyMigrationFiles(withDatabase(serverUrl, TEMPLATE_DATABASE));
  provide("serverUrl", serverUrl);
  return async () => {
    await embedded?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
  }
}
