/**
 * `npm run bench -- [--size S|M|L] [--generate] [--only op,...] [--duration <s>] [--skip-build] [--verify-only]`
 * Measures Keel at a given scale against two floors measured in the same run (the op's query alone through pg, and
 * that query behind a minimal HTTP server, bench/floor): generates the data if needed, builds the production app into
 * .next-bench if its sources changed, serves it with `next start`, runs every registered operation (bench/ops),
 * prints one table and writes bench/results/<size>-<date>.json. `--verify-only` only checks that Keel and both floors
 * return the same data for every op (the test that keeps the floors honest, e2e/bench-floors.spec.ts).
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
import { poolOptions } from "../lib/db/pool-options";
import { startFloorServer, type FloorServer } from "./floor/start";
import { runCompare, verifyCompare, type Floors } from "./lib/compare";
import { closeHttpAgent, httpRequest, percentile } from "./lib/measure";
import { RssSampler } from "./lib/memory";
import { formatReport, resultsFile, writeReport, type OpResult, type PageResult, type RunReport } from "./lib/report";
import { BENCH_DIST_DIR, ensureBuild, startApp, type AppServer } from "./lib/server";
import { mintSessionCookie } from "./lib/session";
import { OPS } from "./ops";
import { TARGETS, type BenchContext, type PageOp } from "./ops/types";
import { formatGrowth, formatGrowthComparison, latestGrowth, runGrowthScenario } from "./scenario/growth";
import { formatScenario, runMondayScenario, type ScenarioContext } from "./scenario/monday";
import { benchDatabaseName, DEFAULT_SEED, DEFAULT_TODAY, parseSize, type Size, type SizeName } from "./sizes";

interface Settings {
  iterations: number;
  minIterations: number;
  budgetSeconds: number;
  loadSeconds: number;
  connections: number;
  dbConnections: number;
  pageRuns: number;
}

/**
 * At least 30 sequential samples per side of every op (a p95 of 30 is not one sample), more within the time budget;
 * pages in Chromium as many runs at L. The budget only ever adds samples, never cuts below the minimum.
 */
const DEFAULTS: Record<SizeName, Omit<Settings, "connections" | "dbConnections">> = {
  S: { iterations: 40, minIterations: 30, budgetSeconds: 4, loadSeconds: 5, pageRuns: 5 },
  M: { iterations: 40, minIterations: 30, budgetSeconds: 8, loadSeconds: 8, pageRuns: 10 },
  L: { iterations: 30, minIterations: 30, budgetSeconds: 60, loadSeconds: 10, pageRuns: 30 },
  // Ten times L, for how the whole-cycle reads grow (`--scenario growth`): the same samples, more time.
  XL: { iterations: 30, minIterations: 30, budgetSeconds: 120, loadSeconds: 10, pageRuns: 3 },
};

const say = (line: string) => console.log(`bench: ${line}`);

let postgres: PostgresHandle | null = null;
let app: AppServer | null = null;
let browser: Browser | null = null;
let floorPool: pg.Pool | null = null;
let floorServer: FloorServer | null = null;
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
      "db-connections": { type: "string", default: process.env.KEEL_DB_POOL_SIZE ?? "10" },
      "skip-build": { type: "boolean", default: false },
      "verify-only": { type: "boolean", default: false },
      "dist-dir": { type: "string" },
      scenario: { type: "string" },
      users: { type: "string", default: "200" },
      "scenario-seconds": { type: "string", default: "60" },
    },
  });
  const size = parseSize(values.size);
  const settings: Settings = {
    ...DEFAULTS[size.name],
    connections: positive(values.connections, "--connections"),
    dbConnections: positive(values["db-connections"], "--db-connections"),
    ...(values.duration ? { loadSeconds: positive(values.duration, "--duration") } : {}),
    ...(values.iterations ? { iterations: positive(values.iterations, "--iterations") } : {}),
  };
  const scenario = selectScenario(values.scenario, values.only, size);
  // Only a scenario asked for by name runs alone; the one a full run at L adds comes after the operations.
  const scenarioAlone = values.scenario !== undefined && scenario !== null && !values.only;
  const ops = scenarioAlone ? [] : selectOps(values.only, size);

  postgres = await openBenchServer();
  const manifest = await ensureData(postgres.url, size, values.generate);
  const databaseUrl = withDatabase(postgres.url, manifest.database);
  // Keel's member lookup (bench/floor/actor.ts) comes with Keel's pool module, which needs a DATABASE_URL to load.
  process.env.DATABASE_URL ??= databaseUrl;

  // --dist-dir: serve a build made elsewhere (the tests' own), as it is.
  const built = values["skip-build"] || values["dist-dir"] ? false : await ensureBuild(databaseUrl, say);
  const secret = randomBytes(32).toString("base64url");
  // At XL a review takes about as long as the default read timeout (15 s): the growth scenario measures it rather than
  // the timeout, as an operator of an organisation that size would raise KEEL_READ_TIMEOUT_MS.
  const readTimeoutMs = size.name === "XL" ? 120_000 : undefined;
  app = await startApp({ databaseUrl, secret, poolSize: settings.dbConnections, distDir: values["dist-dir"], readTimeoutMs });
  if (readTimeoutMs) say(`KEEL_READ_TIMEOUT_MS=${readTimeoutMs} for this size (default 15000)`);
  say(`serving ${manifest.database} (today is ${manifest.today} in the data) at ${app.baseUrl}`);
  sampler = new RssSampler(app.pid);
  const floors = await startFloors(databaseUrl, secret, settings.dbConnections);
  floorPool = floors.pool;
  const postgresVersion = (await floorPool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v.split(" ")[0];

  const cookies = new Map<string, Promise<{ name: string; value: string }>>();
  const sessionCookie = (user: ManifestUser) => {
    if (!cookies.has(user.id)) cookies.set(user.id, floors.sessionVersion(user.id).then((version) => mintSessionCookie(user, secret, version)));
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

  if (values["verify-only"]) return verifyOnly(ops, ctx, floors);

  const results: OpResult[] = [];
  for (const op of ops) {
    say(`${op.name}...`);
    sampler.mark();
    const result = op.mode === "compare" ? await runCompare(op, ctx, settings, floors) : await runPage(op, ctx, settings);
    result.peakRssMb = sampler.peakSinceMarkMb();
    results.push(result);
  }

  // The memory target is the operations' peak: the scenario's 200 people are measured on their own.
  const peakRssMb = sampler.peakMb();
  if (scenario === "monday") await runScenario(scenario, { baseUrl, pool: floorPool, manifest, secret, sampler, distDir: BENCH_DIST_DIR }, values);
  if (scenario === "growth") await runGrowth(ctx, floors, sampler, settings);
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
    server: { peakRssMb, targetMb: TARGETS.peakRssMb, met: peakRssMb < TARGETS.peakRssMb },
    complete: !values.only,
    ops: results,
  };
  const file = resultsFile(path.resolve("bench/results"), report);
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
async function runGrowth(ctx: BenchContext, floors: Floors, sampler: RssSampler, settings: Settings): Promise<void> {
  say("scenario growth (whole-cycle reads)...");
  const result = await runGrowthScenario(ctx, floors, sampler, { iterations: settings.iterations, budgetSeconds: settings.budgetSeconds, log: (line) => say(`  ${line}`) });
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
  const file = manifestFileOf(size, database);
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

/**
 * A manifest belongs to its database: with KEEL_BENCH_DB_PREFIX (another checkout's databases, or the end-to-end
 * check's), a file of its own, so runs on different databases never take each other's manifest for theirs.
 */
function manifestFileOf(size: Size, database: string): string {
  return process.env.KEEL_BENCH_DB_PREFIX ? path.join(path.dirname(manifestPath(size.name)), `manifest-${database}.json`) : manifestPath(size.name);
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

/** The HTTP floor server and the SQL floor's pool: Keel's pool settings, as many connections as Keel's pool. */
async function startFloors(databaseUrl: string, secret: string, dbConnections: number): Promise<Floors> {
  const pool = new pg.Pool(poolConfigFromUrl(databaseUrl, { ...poolOptions(), max: dbConnections }));
  floorServer = await startFloorServer({ databaseUrl, secret, poolSize: dbConnections });
  say(`HTTP floor at ${floorServer.baseUrl}; ${dbConnections} database connections each for Keel and both floors`);
  const person = async (userId: string) => {
    const { rows } = await pool.query<{ session_version: number; time_zone: string }>("SELECT session_version, time_zone FROM users WHERE id = $1", [userId]);
    if (!rows[0]) throw new Error(`no user ${userId} in the bench database`);
    return rows[0];
  };
  return {
    pool,
    server: floorServer,
    sessionVersion: async (userId) => (await person(userId)).session_version,
    timeZone: async (userId) => (await person(userId)).time_zone,
  };
}

/** `--verify-only`: every op's data from Keel and both floors (pages: what the browser shows), compared once; no timing. */
async function verifyOnly(ops: typeof OPS, ctx: BenchContext, floors: Floors): Promise<number> {
  const failures: string[] = [];
  for (const op of ops) {
    const started = performance.now();
    try {
      if (op.mode === "compare") await verifyCompare(op, ctx, floors);
      else {
        const target = await op.prepare(ctx);
        const cookie = target.user ? await ctx.sessionCookie(target.user) : null;
        const measured = await measurePage(await ctx.browser(), { url: target.url, cookie, selector: target.selector, quietMs: 100 });
        target.verify?.(measured.matchedElements);
      }
      say(`${op.id}: the same data (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failures.push(`${op.id}: ${error instanceof Error ? error.message : String(error)}`);
      say(`${op.id}: DIFFERS: ${failures[failures.length - 1]}`);
    }
  }
  if (failures.length) console.error(`bench: Keel and its floors disagree:\n  ${failures.join("\n  ")}`);
  return failures.length ? 1 : 0;
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
    const measure = () => measurePage(chromium, { url: target.url, cookie, selector: target.selector, longTasksSinceNavigation: target.longTasksSinceNavigation });
    const warmup = await measure();
    target.verify?.(warmup.matchedElements);
    const runs: PageMeasurement[] = [];
    while (runs.length < settings.pageRuns) runs.push(await measure());
    const pick = (f: (m: PageMeasurement) => number) => runs.map(f);
    result.runs = runs.length;
    result.matchedElements = warmup.matchedElements;
    result.firstElementMs = { p50: percentile(pick((m) => m.firstSelectorMs), 50), p95: percentile(pick((m) => m.firstSelectorMs), 95) };
    result.firstFrameMs = { p50: percentile(pick((m) => m.firstFrameMs), 50) };
    result.longestTaskMs = { p50: percentile(pick((m) => m.maxLongTaskMs), 50), max: Math.max(...pick((m) => m.maxLongTaskMs)) };
    result.blockingMs = { p50: percentile(pick((m) => m.blockingMs), 50) };
    const checks: boolean[] = [];
    if (op.targets.firstElementMs) checks.push(result.firstElementMs.p50 <= op.targets.firstElementMs);
    // "No long task over": the worst run's longest task, not the median run's.
    if (op.targets.longTaskMs) checks.push(result.longestTaskMs.max <= op.targets.longTaskMs);
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
  await floorServer?.stop().catch(() => undefined);
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
    const recent = [...(app?.recentErrors().slice(-5) ?? []), ...(floorServer?.recentErrors().slice(-5) ?? [])];
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}${recent.length ? `\nserver said:\n  ${recent.join("\n  ")}` : ""}`);
    await shutdown();
    process.exit(1);
  });
