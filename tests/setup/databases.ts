import pg from "pg";
import { poolConfigFromUrl, withDatabase } from "../../lib/db/connection";

// KEEL_TEST_DB_PREFIX lets two test runs share one Postgres server without dropping each other's databases.
const PREFIX = process.env.KEEL_TEST_DB_PREFIX ?? "keel_test";
export const TEMPLATE_DATABASE = `${PREFIX}_template`;
export const WORKER_DATABASE_PREFIX = `${PREFIX}_w`;

export async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(poolConfigFromUrl(withDatabase(serverUrl, "postgres")));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
