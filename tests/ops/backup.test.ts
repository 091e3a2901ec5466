import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDatabase } from "@/lib/db/connection";
import { seedDemoIfEmpty } from "@/prisma/seed-demo";
import { backupDatabase, BackupError, findPgTools, pickTool, restoreDatabase } from "@/scripts/lib/backup";
import { applyMigrationFiles } from "@/scripts/lib/migrations";
import { quoteIdent, withAdminClient } from "../setup/databases";

const serverUrl = process.env.DATABASE_URL!;
const prefix = `${process.env.KEEL_TEST_DB_PREFIX ?? "keel_test"}_backup`;
const dir = mkdtempSync(path.join(tmpdir(), "keel-backup-"));
let sourceUrl: string;
let targetUrl: string;

async function freshDatabase(name: string): Promise<string> {
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  return withDatabase(serverUrl, name);
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Every table's row count, by schema-qualified name. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>(url, `
    SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
    ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM ${name}`))[0]!.n);
  return counts;
}

// pg_dump refuses servers newer than itself. Debian's client tools (15) serve the system Postgres; the embedded one
// (17, when DATABASE_URL is unset) has no client tools on this machine, and then the refusal is what is checked.
const serverMajor = Math.floor(Number((await query<{ v: string }>(serverUrl, "SELECT current_setting('server_version_num') AS v"))[0]!.v) / 10_000);
const canDump = pickTool(findPgTools("pg_dump"), serverMajor) !== null && pickTool(findPgTools("pg_restore"), serverMajor) !== null;

beforeAll(async () => {
  sourceUrl = await freshDatabase(`${prefix}_source`);
  targetUrl = await freshDatabase(`${prefix}_target`);
  await applyMigrationFiles(sourceUrl);
  expect(await seedDemoIfEmpty(sourceUrl)).toBe(true);
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await withAdminClient(serverUrl, async (client) => {
    for (const name of [`${prefix}_source`, `${prefix}_target`]) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
});

describe.runIf(canDump)("backup and restore", () => {
  it("restores the demo organisation into an empty database with every row", async () => {
    const file = await backupDatabase(sourceUrl, dir, new Date("2026-12-03T21:55:30.123Z"));
    expect(path.basename(file)).toBe("keel-20261203T215530Z.dump");
    expect(readdirSync(dir)).toEqual(["keel-20261203T215530Z.dump"]);

    await restoreDatabase(targetUrl, file);
    const before = await rowCounts(sourceUrl);
    expect(Object.keys(before).length).toBeGreaterThan(15);
    expect(before["public.check_ins"]).toBeGreaterThan(0);
    expect(await rowCounts(targetUrl)).toEqual(before);

    for (const sql of [
      "SELECT to_jsonb(u) AS row FROM users u ORDER BY id",
      "SELECT to_jsonb(o) AS row FROM organizations o ORDER BY id",
      "SELECT to_jsonb(c) AS row FROM check_ins c ORDER BY id LIMIT 20",
      "SELECT to_jsonb(k) AS row FROM key_results k ORDER BY id LIMIT 20",
    ]) {
      expect(await query(targetUrl, sql), sql).toEqual(await query(sourceUrl, sql));
    }
  });

  it("names a second backup in the same second apart from the first", async () => {
    const file = await backupDatabase(sourceUrl, dir, new Date("2026-12-03T21:55:30.999Z"));
    expect(path.basename(file)).toBe("keel-20261203T215530Z-2.dump");
  });

  it("refuses to restore into a database that has Keel's tables, and writes nothing there", async () => {
    const file = path.join(dir, "keel-20261203T215530Z.dump");
    const before = await rowCounts(targetUrl);
    await expect(restoreDatabase(targetUrl, file)).rejects.toThrow(BackupError);
    await expect(restoreDatabase(targetUrl, file)).rejects.toThrow(/already has Keel's tables/);
    expect(await rowCounts(targetUrl)).toEqual(before);
  });

  it("refuses a file that is not there", async () => {
    const empty = await freshDatabase(`${prefix}_target`);
    await expect(restoreDatabase(empty, path.join(dir, "missing.dump"))).rejects.toThrow(/no backup file/);
  });
});

describe.skipIf(canDump)("backup without client tools for the server's version", () => {
  it("says which tools are missing and writes no file", async () => {
    await expect(backupDatabase(sourceUrl, dir)).rejects.toThrow(new RegExp(`needs pg_dump ${serverMajor} or newer`));
    expect(readdirSync(dir)).toEqual([]);
  });
});
