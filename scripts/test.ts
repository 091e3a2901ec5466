/**
 * `npm test`: the whole suite, in the order that fails fastest.
 *   type check -> lint -> Vitest (unit, then integration on real Postgres) -> production build -> soak -> Playwright.
 * The soak (60 s here, every fault once) runs three servers from that build behind PgBouncer and HAProxy.
 * Postgres: DATABASE_URL's server when set, otherwise the embedded one (started once for the whole run).
 * `--only <step>` or `--skip <step>` (typecheck, lint, vitest, build, soak, e2e) narrows it down while working.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { withDatabase } from "../lib/db/connection";
import { applyMigrationFiles } from "./lib/migrations";
import { checkConnection, startEmbeddedPostgres, StartupError, type PostgresHandle } from "./lib/postgres";
import { quoteIdent, withAdminClient } from "../tests/setup/databases";
import { findBinaries } from "./lib/soak/topology";

type Step = "typecheck" | "lint" | "vitest" | "build" | "soak" | "e2e";
const STEPS: Step[] = ["typecheck", "lint", "vitest", "build", "soak", "e2e"];

function selectedSteps(): Step[] {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? (args[i + 1] ?? "").split(",") : null;
  };
  const only = value("--only");
  const skip = value("--skip") ?? [];
  return STEPS.filter((s) => (only ? only.includes(s) : true) && !skip.includes(s));
}

const bin = (name: string) => path.resolve("node_modules/.bin", name);
// Overridable so two runs on one machine do not overwrite each other's build.
const distDir = process.env.KEEL_DIST_DIR ?? ".next-test";
const results: { step: string; seconds: number; ok: boolean }[] = [];

function run(step: string, command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const started = Date.now();
  console.log(`\n▶ ${step}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    child.on("error", reject);
    child.on("exit", (code) => {
      const ok = code === 0;
      results.push({ step, seconds: (Date.now() - started) / 1000, ok });
      if (ok) resolve();
      else reject(new Error(`${step} failed`));
    });
  });
}

async function postgresServer(): Promise<PostgresHandle> {
  if (process.env.DATABASE_URL) {
    await checkConnection(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, isEmbedded: false, stop: async () => undefined };
  }
  console.log("▶ starting the embedded Postgres for the tests (.keel/test-postgres)");
  return startEmbeddedPostgres({ dataDir: path.resolve(".keel/test-postgres"), port: Number(process.env.KEEL_TEST_PG_PORT ?? 54330), database: "postgres" });
}

/** A fresh database for the browser tests: the committed migrations, then the demo organisation. */
async function prepareE2eDatabase(serverUrl: string): Promise<string> {
  const name = process.env.KEEL_E2E_DB ?? "keel_e2e";
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  const url = withDatabase(serverUrl, name);
  await applyMigrationFiles(url);
  const { seedDemoIfEmpty } = await import("../prisma/seed-demo");
  await seedDemoIfEmpty(url);
  return url;
}

/**
 * The soak needs PgBouncer and HAProxy from the system's packages. A developer's machine without them still runs the
 * rest of the suite and is told what to install; CI installs them (.ci/run), so there a missing one fails the run.
 */
function missingSoakBinary(): string | null {
  try {
    findBinaries();
    return null;
  } catch (error) {
    if (process.env.CI === "true") throw error;
    return error instanceof Error ? error.message : String(error);
  }
}

/** Anything after `--` goes to Playwright: `npm test -- --only e2e -- e2e/auth.spec.ts`. */
function playwrightArgs(): string[] {
  const args = process.argv.slice(2);
  const i = args.indexOf("--");
  return i >= 0 ? args.slice(i + 1) : [];
}

async function main() {
  const steps = selectedSteps();
  let postgres: PostgresHandle | null = null;
  try {
    if (steps.includes("typecheck")) await run("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
    if (steps.includes("lint")) await run("lint", bin("eslint"), ["--max-warnings", "0", "."]);
    if (steps.includes("vitest") || steps.includes("e2e")) postgres = await postgresServer();
    const serverUrl = postgres?.url ?? "";
    if (steps.includes("vitest")) await run("vitest (unit and integration)", bin("vitest"), ["run"], { DATABASE_URL: serverUrl });
    if (steps.includes("build")) {
      await run("next build (production, for the browser tests)", process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
        KEEL_DIST_DIR: distDir,
        DATABASE_URL: withDatabase(serverUrl || "postgresql://localhost/keel", "keel_e2e"),
      });
    }
    const soakCannotRun = steps.includes("soak") ? missingSoakBinary() : null;
    if (soakCannotRun) {
      console.log(`\n▶ soak skipped: ${soakCannotRun}`);
      results.push({ step: "soak (skipped: PgBouncer or HAProxy not installed)", seconds: 0, ok: true });
    } else if (steps.includes("soak")) {
      await run("soak (3 servers, PgBouncer, HAProxy, faults; 60 s)", bin("tsx"), ["--conditions=react-server", "scripts/soak.ts", "--seconds", "60"], { KEEL_DIST_DIR: distDir });
    }
    if (steps.includes("e2e")) {
      const e2eUrl = await prepareE2eDatabase(serverUrl);
      await run("playwright (Chromium)", bin("playwright"), ["test", ...playwrightArgs()], { KEEL_E2E_DATABASE_URL: e2eUrl, KEEL_DIST_DIR: distDir });
    }
  } finally {
    await postgres?.stop();
    console.log("\nSummary");
    for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.step} (${r.seconds.toFixed(1)} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(`\n${error instanceof StartupError ? error.message : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
