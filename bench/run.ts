/**
 * `npm run bench -- [--size S|M|L] [--generate] [--only op,...] [--duration <s>] [--skip-build]`
 * Measures Keel at a given scale against floors measured in the same run: generates the data if needed, builds the
 * production app into .next-bench if its sources changed, serves it with `next start`, runs every registered
 * operation (bench/ops), prints one table and writes bench/results.json.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Browser } from "@playwright/test";
import { poolConfigFromUrl, withDatabase } from "../lib/db/connection";
import { listMigrations } from "../scripts/lib/migrations";
import { StartupError, type PostgresHandle } from "../scripts/lib/postgres";
import { launchBrowser, measurePage, type PageMeasurement } from "./browser";
import { databaseExists, openBenchServer } from "./lib/database";
import { generateBenchData } from "./lib/generator";
import { manifestPath, readManifest, writeManifest, type Manifest, type ManifestUser } from "./lib/manifest";
import { closeHttpAgent, httpRequest, loadCalls, loadFloor, loadHttp, measureLatency, percentile, waitForQuietDatabase, type HttpResponse, type LoadResult } from "./lib/measure";
import { RssSampler } from "./lib/memory";
import { formatReport, writeReport, type CompareResult, type OpResult, type PageResult, type RunReport } from "./lib/report";
import { BENCH_DIST_DIR, ensureBuild, startApp, type AppServer } from "./lib/server";
import { mintSessionCookie } from "./lib/session";
import { OPS } from "./ops";
import { formatGrowth, formatGrowthComparison, latestGrowth, runGrowthScenario } from "./scenario/growth";
import { formatScenario, runMondayScenario, type ScenarioContext } from "./scenario/monday";
import type { BenchContext, CompareOp, KeelSide, PageOp } from "./ops/types";
import { benchDatabaseName, DEFAULT_SEED, DEFAULT_TODAY, parseSize, type Size, type SizeName } from "./sizes";

interface Settings {
  iterations: number;
  budgetSeconds: number;
  loadSeconds: number;
  connections: number;
  pageRuns: number;
}

/** Enough samples for a stable p95 at S in seconds; fewer, longer ones at L, where a page can take seconds. */
const DEFAULTS: Record<SizeName, Omit<Settings, "connections">> = {
  S: { iterations: 40, budgetSeconds: 4, loadSeconds: 5, pageRuns: 5 },
  M: { iterations: 40, budgetSeconds: 8, loadSeconds: 8, pageRuns: 5 },
  L: { iterations: 30, budgetSeconds: 20, loadSeconds: 10, pageRuns: 3 },
  // Ten times L, for how the whole-cycle reads grow (`--only tree-data,review-page`): the same samples, more time.
  XL: { iterations: 30, budgetSeconds: 120, loadSeconds: 10, pageRuns: 3 },
};

const say = (line: string) => console.log(`bench: ${line}`);

let postgres: PostgresHandle | null = null;
let app: AppServer | null = null;
let browser: Browser | null = null;
let floorPool: pg.Pool | null = null;
let sampler: RssSampler | null = null;

async function main() {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "S" },
      generate: { type: "boolean", default: false },
      only: { type: "string" },
      duration: { type: "string" },
      iterations: { type: "string" },
      connections: { type: "string", default: "50" },
      "skip-build": { type: "boolean", default: false },
      scenario: { type: "string" },
      users: { type: "string", default: "200" },
      "scenario-seconds": { type: "string", default: "60" },
    },
  });
  const size = parseSize(values.size);
  const settings: Settings = {
    ...DEFAULTS[size.name],
    connections: positive(values.connections, "--connections"),
    ...(values.duration ? { loadSeconds: positive(values.duration, "--duration") } : {}),
    ...(values.iterations ? { iterations: positive(values.iterations, "--iterations") } : {}),
  };
  const scenario = selectScenario(values.scenario, values.only, size);
  const ops = scenario && !values.only ? [] : selectOps(values.only, size);

  postgres = await openBenchServer();
  const manifest = await ensureData(postgres.url, size, values.generate);
  const databaseUrl = withDatabase(postgres.url, manifest.database);

  const built = values["skip-build"] ? false : await ensureBuild(databaseUrl, say);
  const secret = randomBytes(32).toString("base64url");
  app = await startApp({ databaseUrl, secret });
  say(`serving ${manifest.database} (today is ${manifest.today} in the data) at ${app.baseUrl}`);
  sampler = new RssSampler(app.pid);
  floorPool = new pg.Pool(poolConfigFromUrl(databaseUrl, { max: settings.connections }));
  const postgresVersion = (await floorPool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v.split(" ")[0];

  const cookies = new Map<string, Promise<{ name: string; value: string }>>();
  const sessionCookie = (user: ManifestUser) => {
    if (!cookies.has(user.id)) cookies.set(user.id, mintSessionCookie(user, secret));
    return cookies.get(user.id)!;
  };
  const baseUrl = app.baseUrl;
  const ctx: BenchContext = {
    size,
    manifest,
    baseUrl,
    pool: floorPool,
    sessionCookie,
    cookieHeader: async (user) => {
      const c = await sessionCookie(user);
      return `${c.name}=${c.value}`;
    },
    request: (spec) => httpRequest(baseUrl, spec),
    browser: async () => (browser ??= await launchBrowser()),
  };

  const results: OpResult[] = [];
  for (const op of ops) {
    say(`${op.name}...`);
    sampler.mark();
    const result = op.mode === "compare" ? await runCompare(op, ctx, settings, floorPool) : await runPage(op, ctx, settings);
    result.peakRssMb = sampler.peakSinceMarkMb();
    results.push(result);
  }

  if (scenario === "monday") await runScenario(scenario, { baseUrl, pool: floorPool, manifest, secret, sampler, distDir: BENCH_DIST_DIR }, values);
  if (scenario === "growth") await runGrowth(ctx, sampler, settings);
  if (scenario && !results.length) return 0;

  const report: RunReport = {
    size: size.name,
    seed: manifest.seed,
    today: manifest.today,
    date: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "unknown",
      memoryMb: Math.round(os.totalmem() / 1024 / 1024),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      postgres: `PostgreSQL ${postgresVersion}`,
      loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
    },
    settings: { ...settings, build: built ? "built" : "reused" },
    server: { peakRssMb: sampler.peakMb() },
    ops: results,
  };
  const file = path.resolve("bench/results.json");
  writeReport(file, report);
  console.log(`\n${formatReport(report)}\nWrote ${path.relative(process.cwd(), file)}.`);
  return results.some((r) => r.error) ? 1 : 0;
}

function positive(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new StartupError(`${flag} must be a positive number (got ${value})`);
  return n;
}

function selectOps(only: string | undefined, size: Size) {
  const wanted = only?.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (wanted) {
    const unknown = wanted.filter((w) => !OPS.some((op) => op.id === w || op.name.toLowerCase() === w));
    if (unknown.length) throw new StartupError(`unknown operation ${unknown.join(", ")}; known: ${OPS.map((op) => op.id).join(", ")}`);
  }
  return OPS.filter((op) => (!wanted || wanted.includes(op.id) || wanted.includes(op.name.toLowerCase())) && (!op.sizes || op.sizes.includes(size.name)));
}

/**
 * `--scenario monday` runs the Monday-morning scenario (alone, unless `--only` names operations too); a full run at L
 * runs it after the operations, unless `--scenario none`.
 */
function selectScenario(scenario: string | undefined, only: string | undefined, size: Size): "monday" | "growth" | null {
  if (scenario === undefined) return size.name === "L" && !only ? "monday" : null;
  if (scenario === "none") return null;
  if (scenario !== "monday" && scenario !== "growth") throw new StartupError(`unknown scenario ${scenario}; known: monday, growth, none`);
  return scenario;
}

/** `--scenario growth`: the whole-cycle reads at this size, and against the other of L and XL when it has a result. */
async function runGrowth(ctx: BenchContext, sampler: RssSampler, settings: Settings): Promise<void> {
  say("scenario growth (whole-cycle reads)...");
  const result = await runGrowthScenario(ctx, sampler, { iterations: settings.iterations, budgetSeconds: settings.budgetSeconds, log: (line) => say(`  ${line}`) });
  const folder = path.resolve("bench/results");
  const file = path.join(folder, `growth-${ctx.size.name}-${result.date.slice(0, 10)}.json`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...result, loadAverage: os.loadavg()[0] }, null, 2)}\n`);
  console.log(`\n${formatGrowth(result)}\nWrote ${path.relative(process.cwd(), file)}.`);
  const other = latestGrowth(folder, ctx.size.name === "XL" ? "L" : "XL");
  if (other && (ctx.size.name === "L" || ctx.size.name === "XL")) console.log(`\n${ctx.size.name === "XL" ? formatGrowthComparison(other, result) : formatGrowthComparison(result, other)}`);
}

async function runScenario(id: "monday", ctx: ScenarioContext, values: { users?: string; "scenario-seconds"?: string }): Promise<void> {
  const users = positive(values.users, "--users");
  const seconds = positive(values["scenario-seconds"], "--scenario-seconds");
  say(`scenario ${id}...`);
  const result = await runMondayScenario(ctx, { users, seconds, log: (line) => say(`  ${line}`) });
  const file = path.resolve("bench/results", `scenario-${id}-${ctx.manifest.size}-${new Date().toISOString().slice(0, 10)}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ size: ctx.manifest.size, date: new Date().toISOString(), loadAverage: os.loadavg()[0], ...result }, null, 2)}\n`);
  console.log(`\n${formatScenario(result)}\nWrote ${path.relative(process.cwd(), file)}.`);
}

/**
 * The manifest of a database that is there, matches it and has every committed migration; otherwise generates both
 * (always with --generate).
 */
async function ensureData(serverUrl: string, size: Size, force: boolean): Promise<Manifest> {
  const database = benchDatabaseName(size);
  const file = manifestPath(size.name);
  const existing = readManifest(file);
  const reason = force
    ? "as asked"
    : existing?.database !== database
      ? "no manifest yet"
      : existing.migrations?.join() !== listMigrations().join()
        ? "new migrations since it was generated"
        : !(await databaseExists(serverUrl, database)) || !(await holdsOrganization(withDatabase(serverUrl, database), existing.organizationId))
          ? "no database yet"
          : null;
  if (!reason) return existing!;
  say(`generating size ${size.name} into ${database} (${reason})`);
  const { manifest } = await generateBenchData({ serverUrl, database, size, seed: existing?.seed ?? DEFAULT_SEED, today: existing?.today ?? DEFAULT_TODAY, log: (line) => console.log(`  ${line}`) });
  writeManifest(file, manifest);
  return manifest;
}

async function holdsOrganization(url: string, organizationId: string): Promise<boolean> {
  const client = new pg.Client(poolConfigFromUrl(url));
  await client.connect();
  try {
    return Boolean((await client.query("SELECT 1 FROM organizations WHERE id = $1", [organizationId])).rowCount);
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

/** Keel's side as one function: a request that must answer with the expected status, or the direct call. */
function keelRunner(keel: KeelSide, baseUrl: string): (i: number) => Promise<HttpResponse | unknown> {
  if ("call" in keel) return keel.call;
  return async (i) => {
    const response = await httpRequest(baseUrl, keel.request(i));
    const expected = keel.expectStatus ?? 200;
    if (response.status !== expected) throw new Error(`${keel.request(i).path} answered HTTP ${response.status}, expected ${expected}: ${response.body.slice(0, 200)}`);
    return response;
  };
}

function failuresOf(load: LoadResult, side: string): string | null {
  return load.failed ? `${side} under load: ${load.failed} of ${load.failed + load.completed} failed (${load.failures.join("; ")})` : null;
}

async function runCompare(op: CompareOp, ctx: BenchContext, settings: Settings, pool: pg.Pool): Promise<CompareResult> {
  const result: CompareResult = {
    id: op.id,
    name: op.name,
    kind: op.kind,
    mode: "compare",
    description: op.description,
    iterations: 0,
    keel: null,
    floor: null,
    ratios: null,
    target: op.targets,
    met: null,
    peakRssMb: 0,
    error: null,
  };
  try {
    const comparison = await op.prepare(ctx);
    const keel = keelRunner(comparison.keel, ctx.baseUrl);
    const client = await pool.connect();
    let samples;
    try {
      const [fromKeel, fromFloor] = [await keel(0), await comparison.floor(client, 0)];
      comparison.verify?.(fromKeel, fromFloor);
      await comparison.reset?.();
      samples = await measureLatency(
        async (i) => void (await keel(i)),
        async (i) => void (await comparison.floor(client, i)),
        { warmup: 3, iterations: settings.iterations, budgetMs: settings.budgetSeconds * 1000, minIterations: 5 },
      );
      await comparison.reset?.();
    } finally {
      client.release();
    }
    let keelLoad: LoadResult | null = null;
    let floorLoad: LoadResult | null = null;
    if (op.concurrent) {
      const load = { connections: settings.connections, seconds: settings.loadSeconds };
      keelLoad = "request" in comparison.keel ? await loadHttp(ctx.baseUrl, comparison.keel.request, load) : await loadCalls(comparison.keel.call, load);
      // autocannon stops at the deadline without waiting for the answers still due; the server goes on writing them.
      await waitForQuietDatabase(pool);
      await comparison.reset?.();
      floorLoad = await loadFloor(pool, comparison.floor, load);
      await comparison.reset?.();
    }
    const side = (latencies: number[], load: LoadResult | null) => ({
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      throughput: load?.throughput ?? null,
      loadP50: load?.p50 ?? null,
      loadP99: load?.p99 ?? null,
    });
    result.iterations = samples.keel.length;
    result.keel = side(samples.keel, keelLoad);
    result.floor = side(samples.floor, floorLoad);
    result.ratios = {
      p50: result.keel.p50 / result.floor.p50,
      p95: result.keel.p95 / result.floor.p95,
      throughput: keelLoad && floorLoad ? keelLoad.throughput / floorLoad.throughput : null,
    };
    const checks: boolean[] = [];
    if (op.targets.latencyRatio) checks.push(result.ratios.p50 <= op.targets.latencyRatio && result.ratios.p95 <= op.targets.latencyRatio);
    if (op.targets.throughputRatio) checks.push(result.ratios.throughput !== null && result.ratios.throughput >= op.targets.throughputRatio);
    result.met = checks.length ? checks.every(Boolean) : null;
    result.error = [keelLoad && failuresOf(keelLoad, "Keel"), floorLoad && failuresOf(floorLoad, "the floor")].filter(Boolean).join("; ") || null;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

async function runPage(op: PageOp, ctx: BenchContext, settings: Settings): Promise<PageResult> {
  const result: PageResult = {
    id: op.id,
    name: op.name,
    kind: op.kind,
    mode: "page",
    description: op.description,
    runs: 0,
    firstElementMs: null,
    firstFrameMs: null,
    longestTaskMs: null,
    blockingMs: null,
    matchedElements: null,
    target: op.targets,
    met: null,
    peakRssMb: 0,
    error: null,
  };
  try {
    const target = await op.prepare(ctx);
    const chromium = await ctx.browser();
    const cookie = target.user ? await ctx.sessionCookie(target.user) : null;
    const measure = () => measurePage(chromium, { url: target.url, cookie, selector: target.selector });
    const warmup = await measure();
    target.verify?.(warmup.matchedElements);
    const runs: PageMeasurement[] = [];
    const started = performance.now();
    while (runs.length < settings.pageRuns && (runs.length < 2 || performance.now() - started < settings.budgetSeconds * 1000)) runs.push(await measure());
    const pick = (f: (m: PageMeasurement) => number) => runs.map(f);
    result.runs = runs.length;
    result.matchedElements = warmup.matchedElements;
    result.firstElementMs = { p50: percentile(pick((m) => m.firstSelectorMs), 50), p95: percentile(pick((m) => m.firstSelectorMs), 95) };
    result.firstFrameMs = { p50: percentile(pick((m) => m.firstFrameMs), 50) };
    result.longestTaskMs = { p50: percentile(pick((m) => m.maxLongTaskMs), 50), max: Math.max(...pick((m) => m.maxLongTaskMs)) };
    result.blockingMs = { p50: percentile(pick((m) => m.blockingMs), 50) };
    const checks: boolean[] = [];
    if (op.targets.firstElementMs) checks.push(result.firstElementMs.p50 <= op.targets.firstElementMs);
    if (op.targets.longTaskMs) checks.push(result.longestTaskMs.p50 <= op.targets.longTaskMs);
    result.met = checks.length ? checks.every(Boolean) : null;
  } catch (error) {
    result.error = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  }
  return result;
}

async function shutdown() {
  sampler?.stop();
  closeHttpAgent();
  await browser?.close().catch(() => undefined);
  await floorPool?.end().catch(() => undefined);
  await app?.stop().catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
}

process.on("SIGINT", () => void shutdown().then(() => process.exit(130)));
process.on("SIGTERM", () => void shutdown().then(() => process.exit(143)));

main()
  .then(async (code) => {
    await shutdown();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    const recent = app?.recentErrors().slice(-5) ?? [];
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}${recent.length ? `\nserver said:\n  ${recent.join("\n  ")}` : ""}`);
    await shutdown();
    process.exit(1);
  });
