import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import type { JobsHealth } from "@/lib/jobs/health";

export type CheckName = "database" | "migrations" | "jobs";

export interface Readiness {
  status: "ready" | "unavailable";
  /** The checks that failed, in the order they were made. */
  failed: CheckName[];
  checks: Record<CheckName, { ok: boolean; detail: string }>;
}

/** The committed migrations: the folder names under prisma/migrations that hold a migration.sql. */
export function committedMigrations(dir: string): string[] | null {
  if (!existsSync(dir)) return null;
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

// Read once per process: the folder ships with the build and does not change while the server runs.
const holder = globalThis as unknown as { keelCommittedMigrations?: string[] | null };

export function committedMigrationsOnce(dir = path.resolve("prisma/migrations")): string[] | null {
  if (holder.keelCommittedMigrations === undefined) holder.keelCommittedMigrations = committedMigrations(dir);
  return holder.keelCommittedMigrations;
}

const APPLIED_SQL = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";

interface ReadinessInput {
  pool: Pick<pg.Pool, "query">;
  /** null: the migrations folder is missing from this deployment. */
  committed: string[] | null;
  jobs: JobsHealth;
  /** KEEL_JOBS=off: this server runs no background jobs, so "off" is what it should report. */
  jobsDisabled: boolean;
  timeoutMs?: number;
}

/**
 * Whether this server should get traffic: its database answers, every committed migration is applied there, and its
 * background jobs run (or are meant to be off). One round trip to the database, so it can be polled every second.
 */
export async function checkReadiness({ pool, committed, jobs, jobsDisabled, timeoutMs = 2000 }: ReadinessInput): Promise<Readiness> {
  const checks = {} as Readiness["checks"];
  let applied: Set<string> | null = null;
  try {
    const result = await withTimeout(pool.query<{ migration_name: string }>(APPLIED_SQL), timeoutMs);
    applied = new Set(result.rows.map((r) => r.migration_name));
    checks.database = { ok: true, detail: "reachable" };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "42P01") {
      // The database answers but was never migrated.
      checks.database = { ok: true, detail: "reachable" };
      applied = new Set();
    } else {
      checks.database = { ok: false, detail: `The database cannot be reached: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  if (committed === null) {
    checks.migrations = { ok: false, detail: "prisma/migrations is missing from this deployment, so applied migrations cannot be checked" };
  } else if (!applied) {
    checks.migrations = { ok: false, detail: "Not checked: the database cannot be reached" };
  } else {
    const missing = committed.filter((name) => !applied.has(name));
    checks.migrations = missing.length
      ? { ok: false, detail: `${missing.length} committed migration(s) not applied: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""}` }
      : { ok: true, detail: `${committed.length} applied` };
  }

  const jobsOk = jobsDisabled ? jobs.state === "off" : jobs.state === "running";
  checks.jobs = jobsOk
    ? { ok: true, detail: jobs.state }
    : { ok: false, detail: `The background jobs are ${jobs.state}${jobs.failedStarts ? ` after ${jobs.failedStarts} failed start(s)` : ""}` };

  const failed = (["database", "migrations", "jobs"] as const).filter((name) => !checks[name].ok);
  return { status: failed.length ? "unavailable" : "ready", failed, checks };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
