import pg from "pg";
import { poolConfigFromUrl, withDatabase } from "../../lib/db/connection";

export const TEMPLATE_DATABASE = "keel_test_template";
export const WORKER_DATABASE_PREFIX = "keel_test_w";

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
