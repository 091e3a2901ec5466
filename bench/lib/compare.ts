import type pg from "pg";
import type { FloorServer } from "../floor/start";
import { jsonOfPage } from "../floor/page";
import type { BenchContext, CompareOp, Comparison, FloorSide, KeelSide, RatioTarget } from "../ops/types";
import { httpRequest, loadFloor, loadHttp, measureLatency, percentile, waitForQuietDatabase, type HttpRequestSpec, type HttpResponse, type LoadResult } from "./measure";
import type { CompareResult, SideResult } from "./report";

export interface CompareSettings {
  iterations: number;
  /** Never fewer sequential samples per side than this, whatever the time budget (a p95 of 30 is not one sample). */
  minIterations: number;
  budgetSeconds: number;
  loadSeconds: number;
  /** Concurrent requests of the load tests (autocannon connections, or SQL floor loops). */
  connections: number;
}

/** What both floors need: the SQL floor's pool (as many connections as Keel's pool) and the HTTP floor server. */
export interface Floors {
  pool: pg.Pool;
  server: FloorServer;
  sessionVersion(userId: string): Promise<number>;
  timeZone(userId: string): Promise<string>;
}

/** Keel's side as one function: a request that must answer with the expected status. */
function requester(baseUrl: string, request: (i: number) => HttpRequestSpec, expected: number, who: string): (i: number) => Promise<HttpResponse> {
  return async (i) => {
    const spec = request(i);
    const response = await httpRequest(baseUrl, spec);
    if (response.status !== expected) throw new Error(`${who}: ${spec.method ?? "GET"} ${spec.path} answered HTTP ${response.status}, expected ${expected}: ${response.body.slice(0, 200)}`);
    return response;
  };
}

function failuresOf(load: LoadResult | null, side: string): string | null {
  return load?.failed ? `${side} under load: ${load.failed} of ${load.failed + load.completed} failed (${load.failures.join("; ")})` : null;
}

/** The three sides of one op: Keel, the SQL floor (`serve` on a client of the benchmark's pool), the HTTP floor. */
export async function sidesOf(op: CompareOp, comparison: Comparison, ctx: BenchContext, floors: Floors) {
  const keel: KeelSide = comparison.keel;
  const keelCall = requester(ctx.baseUrl, keel.request, keel.expectStatus ?? 200, "Keel");
  const first = await keelCall(0);
  // A page's HTTP floor sends as many bytes as Keel's page: its data inside HTML padded to that size.
  const htmlBytes = String(first.headers["content-type"] ?? "").includes("text/html") ? Buffer.byteLength(first.body) : 0;
  const user = comparison.user;
  const cookie = await ctx.cookieHeader(user);
  const identity = {
    orgId: ctx.manifest.organizationId,
    userId: user.id,
    timeZone: await floors.timeZone(user.id),
    sessionVersion: await floors.sessionVersion(user.id),
    actor: null,
  };
  const floorSpec = (i: number, side: FloorSide) => comparison.floor(i, side);
  const sqlFloor = async (client: pg.PoolClient, i: number) => {
    const spec = floorSpec(i, "sql");
    const answer = await op.serve(client, { ...identity, params: new URLSearchParams(spec.params), body: spec.body ?? null });
    return answer.json;
  };
  const httpSpec = (i: number): HttpRequestSpec => {
    const spec = floorSpec(i, "http");
    const query = new URLSearchParams(spec.params);
    if (htmlBytes) query.set("html", String(htmlBytes));
    const headers: Record<string, string> = { cookie, accept: htmlBytes ? "text/html" : "application/json" };
    if (spec.body !== undefined) headers["content-type"] = "application/json";
    return { method: spec.method ?? "GET", path: `/${op.id}${query.size ? `?${query}` : ""}`, headers, body: spec.body };
  };
  const httpCall = requester(floors.server.baseUrl, httpSpec, keel.expectStatus ?? 200, "the HTTP floor");
  const httpFloor = async (i: number) => {
    const response = await httpCall(i);
    return htmlBytes ? jsonOfPage(response.body) : response.body;
  };
  return { first, keelCall, sqlFloor, httpSpec, httpFloor };
}

/** Checks once that Keel and both floors return the same data; throws naming the floor that differs. */
export async function verifyCompare(op: CompareOp, ctx: BenchContext, floors: Floors): Promise<void> {
  const comparison = await op.prepare(ctx);
  try {
    const sides = await sidesOf(op, comparison, ctx, floors);
    const client = await floors.pool.connect();
    try {
      const fromSql = await sides.sqlFloor(client, 0);
      const fromHttp = await sides.httpFloor(0);
      check(comparison, sides.first, fromSql, "the SQL floor");
      check(comparison, sides.first, fromHttp, "the HTTP floor");
    } finally {
      client.release();
    }
  } finally {
    await comparison.reset?.();
  }
}

function check(comparison: Comparison, keel: HttpResponse, floor: string, which: string): void {
  try {
    comparison.verify?.(keel, floor);
  } catch (error) {
    throw new Error(`${which}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function ratiosOf(keel: SideResult, floor: SideResult) {
  return {
    p50: keel.p50 / floor.p50,
    p95: keel.p95 / floor.p95,
    throughput: keel.throughput !== null && floor.throughput !== null ? keel.throughput / floor.throughput : null,
  };
}

function meets(target: RatioTarget | undefined, ratios: { p50: number; p95: number; throughput: number | null }): boolean[] {
  const checks: boolean[] = [];
  if (target?.latencyRatio) checks.push(ratios.p50 <= target.latencyRatio && ratios.p95 <= target.latencyRatio);
  if (target?.throughputRatio) checks.push(ratios.throughput !== null && ratios.throughput >= target.throughputRatio);
  return checks;
}

/**
 * Keel against both floors: verify, then sequential latency of the three in turn, then (concurrent ops) each under the
 * same load in turn, every side with as many database connections as Keel's pool.
 */
export async function runCompare(op: CompareOp, ctx: BenchContext, settings: CompareSettings, floors: Floors): Promise<CompareResult> {
  const result: CompareResult = {
    id: op.id,
    name: op.name,
    kind: op.kind,
    mode: "compare",
    description: op.description,
    iterations: 0,
    keel: null,
    sqlFloor: null,
    httpFloor: null,
    ratios: null,
    target: op.targets,
    met: null,
    peakRssMb: 0,
    error: null,
  };
  try {
    const comparison = await op.prepare(ctx);
    const sides = await sidesOf(op, comparison, ctx, floors);
    const client = await floors.pool.connect();
    let samples;
    try {
      check(comparison, sides.first, await sides.sqlFloor(client, 0), "the SQL floor");
      check(comparison, sides.first, await sides.httpFloor(0), "the HTTP floor");
      await comparison.reset?.();
      samples = await measureLatency(
        {
          keel: async (i: number) => void (await sides.keelCall(i)),
          sql: async (i: number) => void (await sides.sqlFloor(client, i)),
          http: async (i: number) => void (await sides.httpFloor(i)),
        },
        { warmup: 3, iterations: settings.iterations, budgetMs: settings.budgetSeconds * 1000, minIterations: settings.minIterations },
      );
      await comparison.reset?.();
    } finally {
      client.release();
    }
    let loads: { keel: LoadResult; sql: LoadResult; http: LoadResult } | null = null;
    if (op.concurrent) {
      const load = { connections: settings.connections, seconds: settings.loadSeconds };
      // autocannon stops at the deadline without waiting for the answers still due; the servers go on writing them.
      const keel = await loadHttp(ctx.baseUrl, comparison.keel.request, load);
      await waitForQuietDatabase(floors.pool);
      await comparison.reset?.();
      const http = await loadHttp(floors.server.baseUrl, sides.httpSpec, load);
      await waitForQuietDatabase(floors.pool);
      await comparison.reset?.();
      const sql = await loadFloor(floors.pool, sides.sqlFloor, load);
      await comparison.reset?.();
      loads = { keel, sql, http };
    }
    const side = (latencies: number[], load: LoadResult | null): SideResult => ({
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      throughput: load?.throughput ?? null,
      loadP50: load?.p50 ?? null,
      loadP99: load?.p99 ?? null,
    });
    result.iterations = samples.keel.length;
    result.keel = side(samples.keel, loads?.keel ?? null);
    result.sqlFloor = side(samples.sql, loads?.sql ?? null);
    result.httpFloor = side(samples.http, loads?.http ?? null);
    result.ratios = { http: ratiosOf(result.keel, result.httpFloor), sql: ratiosOf(result.keel, result.sqlFloor) };
    const checks = [...meets(op.targets.http, result.ratios.http), ...meets(op.targets.sql, result.ratios.sql)];
    result.met = checks.length ? checks.every(Boolean) : null;
    result.error = [failuresOf(loads?.keel ?? null, "Keel"), failuresOf(loads?.http ?? null, "the HTTP floor"), failuresOf(loads?.sql ?? null, "the SQL floor")].filter(Boolean).join("; ") || null;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}
