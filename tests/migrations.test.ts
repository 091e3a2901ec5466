import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { poolConfigFromUrl, withDatabase } from "@/lib/db/connection";
import { listMigrations, migrateDeploy } from "@/scripts/lib/migrations";
import { quoteIdent, withAdminClient } from "./setup/databases";

const exec = promisify(execFile);
const serverUrl = inject("serverUrl");
const prismaCli = path.resolve("node_modules/prisma/build/index.js");
const scratch = `keel_test_migrate_${process.pid}`;

describe("migrations", () => {
  afterAll(async () => {
    await withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`));
  });

  it("apply to an empty database with prisma migrate deploy", async () => {
    await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(scratch)}`));
    const url = withDatabase(serverUrl, scratch);
    await migrateDeploy(url);
    const client = new pg.Client(poolConfigFromUrl(url));
    await client.connect();
    try {
      const applied = await client.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name");
      expect(applied.rows.map((r) => r.migration_name)).toEqual(listMigrations());
      const tables = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["organizations", "objectives", "key_results", "check_ins", "audit_events"]));
    } finally {
      await client.end();
    }
  }, 60_000);

  it("produce exactly the schema in schema.prisma (no drift)", async () => {
    // Exit code 2 means schema.prisma has changes that no committed migration makes.
    const result = await exec(process.execPath, [prismaCli, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], {
      env: { ...process.env, DATABASE_URL: withDatabase(serverUrl, "postgres") },
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }),
    );
    expect(result.out).toContain("No difference detected");
    expect(result.code).toBe(0);
  }, 60_000);

  // users and their account tokens (verification, password reset) belong to a person, not to an organisation.
  it("keep the organisation id on every tenant table", async () => {
    const client = new pg.Client(poolConfigFromUrl(process.env.DATABASE_URL!));
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('organizations', 'users', 'account_tokens', 'rate_limits', '_prisma_migrations')",
      );
      const withOrg = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id'");
      const have = new Set(withOrg.rows.map((r) => r.table_name));
      expect(tables.rows.map((r) => r.table_name).filter((t) => !have.has(t))).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
