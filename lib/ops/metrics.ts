import { createHash, timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type pg from "pg";
import { RouteLabels } from "@/lib/http/route-label";

/**
 * Keel's Prometheus series. One registry per process on globalThis: the instrumentation hook (request timings) and
 * the route handlers (check-ins, sign-ins, the scrape itself) are separate bundles, and each would otherwise count
 * into a registry the other never shows.
 */
export interface KeelMetrics {
  registry: Registry;
  routeLabels: RouteLabels;
  httpDuration: Histogram<"method" | "route" | "status">;
  poolTotal: Gauge;
  poolInUse: Gauge;
  poolIdle: Gauge;
  poolWaiting: Gauge;
  jobQueueDepth: Gauge<"queue">;
  jobQueueActive: Gauge<"queue">;
  jobQueueFailed: Gauge<"queue">;
  checkIns: Counter<"kind">;
  signIns: Counter<"method" | "outcome">;
}

function createMetrics(): KeelMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    routeLabels: new RouteLabels(),
    httpDuration: new Histogram({
      name: "keel_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by method, route label (ids as :id) and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    poolTotal: new Gauge({ name: "keel_db_pool_connections", help: "Open connections in the app's database pool", registers }),
    poolInUse: new Gauge({ name: "keel_db_pool_in_use", help: "Pool connections checked out by a query or transaction", registers }),
    poolIdle: new Gauge({ name: "keel_db_pool_idle", help: "Open pool connections waiting for work", registers }),
    poolWaiting: new Gauge({ name: "keel_db_pool_waiting", help: "Queries waiting for a pool connection", registers }),
    jobQueueDepth: new Gauge({ name: "keel_job_queue_depth", help: "Background jobs waiting to run (created or retrying), per queue", labelNames: ["queue"], registers }),
    jobQueueActive: new Gauge({ name: "keel_job_queue_active", help: "Background jobs running now, per queue", labelNames: ["queue"], registers }),
    jobQueueFailed: new Gauge({
      name: "keel_job_queue_failed",
      help: "Background jobs that failed for good in about the last 12 hours (pg-boss then moves them to its archive), per queue",
      labelNames: ["queue"],
      registers,
    }),
    checkIns: new Counter({ name: "keel_check_ins_total", help: "Check-ins saved by this server: kind=created for a week's first, updated for a revision", labelNames: ["kind"], registers }),
    signIns: new Counter({ name: "keel_sign_ins_total", help: "Sign-in attempts by method (password, sso) and outcome (success, failure, rate_limited)", labelNames: ["method", "outcome"], registers }),
  };
}

const holder = globalThis as unknown as { keelMetrics?: KeelMetrics };

export function metrics(): KeelMetrics {
  holder.keelMetrics ??= createMetrics();
  return holder.keelMetrics;
}

export function countCheckIns(saved: readonly { isNew: boolean }[]): void {
  const { checkIns } = metrics();
  for (const s of saved) checkIns.inc({ kind: s.isNew ? "created" : "updated" });
}

export function countSignIn(method: "password" | "sso", outcome: "success" | "failure" | "rate_limited"): void {
  metrics().signIns.inc({ method, outcome });
}

/** Records one finished request; the route label is bounded (lib/http/route-label.ts). */
export function observeRequest(method: string, url: string, status: number, seconds: number): string {
  const m = metrics();
  const route = m.routeLabels.label(url, status);
  m.httpDuration.observe({ method: KNOWN_METHODS.has(method) ? method : "other", route, status: String(status) }, seconds);
  return route;
}

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The pool's counts as they stand at the scrape. */
export function samplePool(pool: Pick<pg.Pool, "totalCount" | "idleCount" | "waitingCount">): void {
  const m = metrics();
  m.poolTotal.set(pool.totalCount);
  m.poolIdle.set(pool.idleCount);
  m.poolInUse.set(Math.max(0, pool.totalCount - pool.idleCount));
  m.poolWaiting.set(pool.waitingCount);
}

// One statement per scrape, over at most the queues the code created (pgboss.queue), given two seconds at most:
// a slow job table must not hold a pool connection for long. Run as one implicit transaction so SET LOCAL applies.
const JOB_QUEUE_SQL = `
  SET LOCAL statement_timeout = 2000;
  SELECT q.name AS queue, j.state::text AS state, count(j.id)::int AS jobs
  FROM (SELECT name FROM pgboss.queue ORDER BY name LIMIT 50) q
  LEFT JOIN pgboss.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active', 'failed')
  GROUP BY q.name, j.state`;

/**
 * Job queue depth, running jobs and failures per queue, from pg-boss's tables at the scrape. Without them (jobs
 * never started on this database) there is nothing to report; any other failure is thrown for the caller to log.
 */
export async function sampleJobQueues(pool: Pick<pg.Pool, "query">): Promise<void> {
  const m = metrics();
  let rows: { queue: string; state: string | null; jobs: number }[];
  try {
    const results = (await pool.query(JOB_QUEUE_SQL)) as unknown as pg.QueryResult[];
    rows = results[results.length - 1]!.rows as typeof rows;
  } catch (error) {
    if ((error as { code?: string }).code === "42P01" || (error as { code?: string }).code === "3F000") {
      rows = [];
    } else {
      throw error;
    }
  }
  m.jobQueueDepth.reset();
  m.jobQueueActive.reset();
  m.jobQueueFailed.reset();
  for (const queue of new Set(rows.map((r) => r.queue))) {
    const count = (...states: string[]) => rows.filter((r) => r.queue === queue && r.state !== null && states.includes(r.state)).reduce((sum, r) => sum + r.jobs, 0);
    m.jobQueueDepth.set({ queue }, count("created", "retry"));
    m.jobQueueActive.set({ queue }, count("active"));
    m.jobQueueFailed.set({ queue }, count("failed"));
  }
}

export type MetricsAccess = "allowed" | "disabled" | "unauthorized";

/** KEEL_METRICS_TOKEN as a bearer token, compared in constant time; no token configured turns the endpoint off. */
export function metricsAccess(authorization: string | null, token = process.env.KEEL_METRICS_TOKEN): MetricsAccess {
  const expected = token?.trim();
  if (!expected) return "disabled";
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  // Digests are of equal length whatever was sent, so the comparison takes the same time for every guess.
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return match && timingSafeEqual(digest(match[1]!), digest(expected)) ? "allowed" : "unauthorized";
}
