/**
 * Writing migrations without `prisma migrate dev` (which cannot run without Prisma's native engine here).
 *   npm run db:migration -- add_focus_limits   writes prisma/migrations/<timestamp>_add_focus_limits/migration.sql
 *   npm run db:drift                           exits 2 when schema.prisma has changes no migration makes
 * Both diff the committed migrations (replayed into a throwaway shadow database) against schema.prisma.
 * Postgres: DATABASE_URL's server, else the embedded one of `npm start` (started here if it is not running).
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { withDatabase } from "../lib/db/connection";
import { checkConnection, startEmbeddedPostgres, type PostgresHandle } from "./lib/postgres";

const exec = promisify(execFile);
const prisma = path.resolve("node_modules/prisma/build/index.js");

async function server(): Promise<PostgresHandle> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, isEmbedded: false, stop: async () => undefined };
  const port = Number(process.env.KEEL_PG_PORT ?? 54329);
  const running = `postgresql://keel:keel@127.0.0.1:${port}/postgres`;
  try {
    await checkConnection(running);
    return { url: running, isEmbedded: false, stop: async () => undefined };
  } catch {
    return startEmbeddedPostgres({ dataDir: path.resolve(".keel/postgres"), port, database: "postgres" });
  }
}

async function diff(url: string, extra: string[]) {
  return exec(process.execPath, [prisma, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", ...extra], {
    env: { ...process.env, DATABASE_URL: withDatabase(url, "postgres") },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

async function main() {
  const isCheck = process.argv.includes("--check");
  const name = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!isCheck && (!name || !/^[a-z0-9_]+$/.test(name))) {
    console.error("Name the migration in snake_case: npm run db:migration -- add_focus_limits");
    process.exit(1);
  }
  const pg = await server();
  try {
    if (isCheck) {
      const result = await diff(pg.url, ["--exit-code"]);
      process.stdout.write(result.stdout);
      if (result.code === 2) console.error("schema.prisma has changes that no migration makes: run npm run db:migration -- <name>");
      else if (result.code !== 0) console.error(result.stderr);
      process.exitCode = result.code;
      return;
    }
    const result = await diff(pg.url, ["--script"]);
    if (result.code !== 0) throw new Error(result.stderr || result.stdout);
    if (!result.stdout.trim() || result.stdout.includes("This is an empty migration")) {
      console.log("schema.prisma matches the migrations: nothing to write.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma/migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), result.stdout);
    console.log(`Wrote ${dir}/migration.sql: read it, then commit it with the schema change.`);
  } finally {
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
