import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { negotiatedPoolConfig } from "../../lib/db/connection";

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

export function listMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(MIGRATIONS_DIR, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/** Committed migrations the database has not applied yet (all of them for an empty database). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const client = new pg.Client(await negotiatedPoolConfig(url));
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0]?.t) return listMigrations();
    const applied = await client.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL");
    const done = new Set(applied.rows.map((r: { migration_name: string }) => r.migration_name));
    return listMigrations().filter((m) => !done.has(m));
  } finally {
    await client.end();
  }
}

/** `prisma migrate deploy`: the one way real databases get migrations. */
export function migrateDeploy(url: string): Promise<void> {
  return run(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], { DATABASE_URL: url });
}

// Prisma's own bookkeeping table, so a database migrated here is one `migrate deploy` and /api/ready accept as current.
const PRISMA_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`;

/**
 * Applies the committed SQL files in order with plain pg, for throwaway databases (tests, the soak): the same SQL
 * and the same `_prisma_migrations` rows as `migrate deploy`, without its ten-second linger.
 */
export async function applyMigrationFiles(url: string): Promise<void> {
  const client = new pg.Client(await negotiatedPoolConfig(url));
  await client.connect();
  try {
    await client.query(PRISMA_MIGRATIONS_TABLE);
    for (const name of listMigrations()) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      await client.query(sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
      );
    }
  } finally {
    await client.end();
  }
}

export function run(command: string, args: string[], env: Record<string, string> = {}, options: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(" ")} failed (${signal ?? code})${output ? `:\n${output.trim()}` : ""}`));
    });
  });
}
