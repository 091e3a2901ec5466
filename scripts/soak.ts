/**
 * `npm run soak`: Keel as a real deployment runs it, on this machine, under load and under faults, then checks from the
 * database that no acknowledged change was lost and none was made twice.
 *
 *   clients ──> HAProxy ──> 3 × `next start` ──> PgBouncer (transaction pooling) ──> TCP proxy ──> Postgres
 *
 * For `--minutes 3` (default; `--seconds n` for CI) virtual clients check in through API v1 (Idempotency-Key, retries
 * with back-off), save My week and post comments through the pages' server actions, and read pages, while reminder
 * jobs are queued for the three servers' workers. Faults on a schedule, each at least once: an app server SIGKILLed
 * and started again, Postgres restarted (fast shutdown), PgBouncer paused and resumed, every database connection cut
 * in the TCP proxy. Exits non-zero on any lost or duplicated change, any audit mismatch, any job not run exactly once.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import PgBoss from "pg-boss";
import { sourceStamp } from "./lib/build-stamp";
import { applyMigrationFiles, run } from "./lib/migrations";
import { runClient, type Attempt, type ClientRole, type LoadContext } from "./lib/soak/load";
import { assertPortFree, delay, SoakSetupError, Supervisor } from "./lib/soak/processes";
import { printReport, type FaultRecord } from "./lib/soak/report";
import { createTokens, loadDemoWorld, mintSessionCookies, serverActionIds } from "./lib/soak/setup";
import { TcpProxy } from "./lib/soak/tcp-proxy";
import {
  DATABASE,
  DEFAULT_PORTS,
  findBinaries,
  pgbouncerCommand,
  PostgresCluster,
  startAppServer,
  startHaproxy,
  startPgBouncer,
  type AppServerOptions,
} from "./lib/soak/topology";
import { pendingJobs, verify } from "./lib/soak/verify";

const REMINDERS_QUEUE = "checkin-reminders";
const JOB_EXPIRY_SECONDS = 30;
const FAULTS = ["kill-app", "pgbouncer-pause", "postgres-restart", "proxy-cut"] as const;
type FaultName = (typeof FAULTS)[number];
/** How long PgBouncer stays paused: long enough that requests queue behind it. */
const PAUSE_MS = 5_000;
/** After the load stops, how long started requests may go on retrying and queued jobs may finish. */
const DRAIN_MS = 60_000;

const say = (line: string) => console.log(`soak: ${line}`);

function parseArgs(argv: string[]): { seconds: number; clients: number } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n <= 0) throw new SoakSetupError(`${flag} takes a positive number`);
    return n;
  };
  const seconds = value("--seconds") ?? (value("--minutes") ?? 3) * 60;
  if (seconds < 40) throw new SoakSetupError("The soak needs at least 40 seconds to fit every fault once");
  return { seconds, clients: value("--clients") ?? 12 };
}

/** KEEL_DIST_DIR's build when it has one (the test run's), else .next-soak, built when the sources changed. */
async function productionBuild(): Promise<string> {
  const given = process.env.KEEL_DIST_DIR;
  if (given && existsSync(path.join(given, "BUILD_ID"))) {
    say(`using the production build in ${given}`);
    return given;
  }
  const distDir = ".next-soak";
  const stampFile = path.join(distDir, "keel-build-stamp");
  if (existsSync(path.join(distDir, "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === sourceStamp()) {
    say(`using the production build in ${distDir}`);
    return distDir;
  }
  say(`building the app into ${distDir} (a few minutes)`);
  await run(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
    KEEL_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: process.env.DATABASE_URL ?? `postgresql://localhost/${DATABASE}`,
  });
  writeFileSync(stampFile, sourceStamp());
  return distDir;
}

/** Mondays and Tuesdays at 10:00 UTC of this week and the three before: instants when reminders or digests are due. */
function reminderInstants(now: Date): string[] {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7), 10));
  const instants: string[] = [];
  for (let week = 0; week < 4; week++) {
    for (const day of [0, 1]) instants.push(new Date(monday.getTime() - week * 7 * 86_400_000 + day * 86_400_000).toISOString());
  }
  return instants;
}

async function main() {
  const { seconds, clients } = parseArgs(process.argv.slice(2));
  const bin = findBinaries();
  const ports = DEFAULT_PORTS;
  for (const [what, port] of [["Postgres", ports.postgres], ["the TCP proxy", ports.proxy], ["PgBouncer", ports.pgbouncer], ["HAProxy", ports.balancer], ...ports.apps.map((p, i) => [`app server ${i + 1}`, p] as const)] as const) {
    await assertPortFree(port, what);
  }
  const distDir = await productionBuild();
  const actions = serverActionIds(distDir);

  const root = path.resolve(".keel/soak");
  const runDir = path.join(root, "run");
  const logDir = path.join(root, "logs");
  mkdirSync(runDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const supervisor = new Supervisor(logDir);
  const stopAll = async () => {
    await supervisor.stopAll();
  };
  let interrupted = false;
  // Ctrl-C reaches this process twice (from the terminal, and relayed by tsx): every one must be handled, or the
  // second would end the process before the clean-up has stopped Postgres.
  const interrupt = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: stopping everything the soak started`);
    void stopAll().then(() => process.exit(130));
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);

  const postgres = new PostgresCluster(bin, path.join(root, "postgres"), path.join(logDir, "postgres.log"), ports.postgres);
  const proxy = new TcpProxy(ports.proxy, { host: "127.0.0.1", port: ports.postgres });
  try {
    say(`starting Postgres on ${ports.postgres} (a fresh cluster in .keel/soak/postgres)`);
    postgres.init();
    await postgres.start();
    supervisor.atExit(() => {
      try {
        postgres.stop("immediate");
      } catch {
        // Not running.
      }
    });
    await postgres.createDatabase();
    await applyMigrationFiles(postgres.directUrl);
    const { seedDemoIfEmpty } = await import("../prisma/seed-demo");
    await seedDemoIfEmpty(postgres.directUrl);
    say("migrated and seeded the demo organisation");

    const apiClients = Math.max(1, Math.round(clients / 2));
    const others = clients - apiClients;
    const roles: ClientRole[] = [...Array<ClientRole>(apiClients).fill("api")];
    const otherRoles: ClientRole[] = ["my-week", "comment", "read"];
    for (let i = 0; i < others; i++) roles.push(otherRoles[i % otherRoles.length]!);
    const world = await loadDemoWorld(postgres.directUrl, roles.length);
    await createTokens(postgres.directUrl, world.members);
    const secret = randomBytes(32).toString("base64url");
    await mintSessionCookies(secret, world.members);

    await proxy.listen();
    supervisor.atExit(() => void proxy.close());
    await startPgBouncer({ supervisor, runDir, ports }, bin);
    say(`PgBouncer (transaction pooling) on ${ports.pgbouncer} -> TCP proxy ${ports.proxy} -> Postgres ${ports.postgres}`);
    const balancerUrl = `http://127.0.0.1:${ports.balancer}`;
    const appOptions: AppServerOptions = { distDir, secret, databaseUrl: `postgresql://keel@127.0.0.1:${ports.pgbouncer}/${DATABASE}`, publicUrl: balancerUrl };
    await Promise.all(ports.apps.map((port, i) => startAppServer(supervisor, `app${i + 1}`, port, appOptions)));
    await startHaproxy({ supervisor, runDir, ports }, bin);
    say(`three app servers on ${ports.apps.join(", ")} behind HAProxy on ${balancerUrl}`);

    const started = Date.now();
    const ctx: LoadContext = {
      baseUrl: balancerUrl,
      cycleId: world.cycleId,
      orgId: world.orgId,
      objectiveIds: world.objectiveIds,
      actions,
      endsAt: started + seconds * 1000,
      retryDeadline: started + seconds * 1000 + DRAIN_MS,
      attempts: [],
      writes: [],
    };
    say(`load for ${seconds} s: ${roles.filter((r) => r === "api").length} API clients, ${roles.filter((r) => r !== "api").join(", ")}`);
    const load = Promise.all(roles.map((role, i) => runClient(ctx, role, world.members[i]!)));

    // This instance also runs pg-boss's maintenance every few seconds (the servers run it every two minutes): it is
    // what expires a job whose server was killed mid-run, so its retry happens within the soak.
    const boss = new PgBoss({ connectionString: postgres.directUrl, supervise: true, maintenanceIntervalSeconds: 5, schedule: false, migrate: false, max: 2 });
    boss.on("error", () => undefined);
    await boss.start();
    const jobIds: string[] = [];
    const jobs = sendJobs(boss, jobIds, reminderInstants(new Date()), ctx.endsAt);

    const faults: FaultRecord[] = [];
    const rounds = Math.max(1, Math.floor(seconds / 80));
    const schedule = Array.from({ length: rounds }, () => FAULTS).flat();
    for (const [i, name] of schedule.entries()) {
      const at = started + ((i + 1) * seconds * 1000) / (schedule.length + 1);
      if (Date.now() < at) await delay(at - Date.now());
      if (interrupted) return;
      faults.push(await inject(name, i, { supervisor, postgres, proxy, appOptions, appPorts: ports.apps, pgbouncerAdmin: `postgresql://keel@127.0.0.1:${ports.pgbouncer}/pgbouncer` }));
      say(`fault ${faults.length}/${schedule.length}: ${faults.at(-1)!.name} ${faults.at(-1)!.detail}`);
    }

    await load;
    await jobs;
    say(`load over; waiting up to ${DRAIN_MS / 1000} s for retries and queued jobs`);
    const drainUntil = Date.now() + DRAIN_MS;
    while (Date.now() < drainUntil && (await pendingJobs(postgres.directUrl, jobIds).catch(() => 1)) > 0) await delay(1000);
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);

    for (const fault of faults) measureRecovery(fault, ctx.attempts);
    const verdict = await verify(postgres.directUrl, ctx.writes, jobIds);
    const ok = printReport({ seconds, clients: roles.length, attempts: ctx.attempts, writes: ctx.writes, faults, verdict });
    process.exitCode = ok ? 0 : 1;
    if (!ok) say(`logs of every process are in ${path.relative(process.cwd(), logDir)}`);
  } finally {
    await stopAll();
  }
}

interface FaultTargets {
  supervisor: Supervisor;
  postgres: PostgresCluster;
  proxy: TcpProxy;
  appOptions: AppServerOptions;
  appPorts: number[];
  pgbouncerAdmin: string;
}

async function inject(name: FaultName, index: number, t: FaultTargets): Promise<FaultRecord> {
  const start = Date.now();
  let detail = "";
  switch (name) {
    case "kill-app": {
      const n = (index % 3) + 1;
      await t.supervisor.stop(`app${n}`, "SIGKILL");
      const killedAt = Date.now();
      await startAppServer(t.supervisor, `app${n}`, t.appPorts[n - 1]!, t.appOptions);
      detail = `(SIGKILL app${n}; answering again ${((Date.now() - killedAt) / 1000).toFixed(1)} s later)`;
      break;
    }
    case "postgres-restart": {
      await t.postgres.restart();
      detail = `(pg_ctl -m fast stop, start: down ${((Date.now() - start) / 1000).toFixed(1)} s)`;
      break;
    }
    case "pgbouncer-pause": {
      await pgbouncerCommand(t.pgbouncerAdmin, "PAUSE");
      await delay(PAUSE_MS);
      await pgbouncerCommand(t.pgbouncerAdmin, "RESUME");
      detail = `(PAUSE, RESUME ${((Date.now() - start) / 1000).toFixed(1)} s later)`;
      break;
    }
    case "proxy-cut": {
      detail = `(${t.proxy.cut()} sockets cut)`;
      break;
    }
  }
  return { name, start, end: Date.now(), detail, recoveredMs: null, fiveXx: 0, noAnswer: 0 };
}

/** Time from the fault's start to the first success of a request sent after it, through HAProxy. */
function measureRecovery(fault: FaultRecord, attempts: Attempt[]) {
  const firstSuccess = attempts
    .filter((a) => a.start >= fault.start && typeof a.status === "number" && a.status < 400)
    .reduce<number | null>((min, a) => (min === null || a.end < min ? a.end : min), null);
  fault.recoveredMs = firstSuccess === null ? null : firstSuccess - fault.start;
}

/** Queues reminder runs for the app servers' workers at an even pace until the load ends; a refused send is retried. */
async function sendJobs(boss: PgBoss, ids: string[], instants: string[], endsAt: number): Promise<void> {
  const count = instants.length * 2;
  const gap = Math.max(1000, (endsAt - Date.now()) / (count + 1));
  for (let i = 0; i < count && Date.now() < endsAt; i++) {
    await delay(gap);
    for (let tries = 0; tries < 20; tries++) {
      // A run whose server dies stays active until it expires (the queue's default is ten minutes): these expire
      // sooner, so the retry (on another server, mailing nobody twice thanks to the claims) is seen in the soak.
      const id = await boss.send(REMINDERS_QUEUE, { now: instants[i % instants.length] }, { expireInSeconds: JOB_EXPIRY_SECONDS }).catch(() => null);
      if (id) {
        ids.push(id);
        break;
      }
      await delay(500);
    }
  }
}

main().catch(async (error: unknown) => {
  console.error(`soak: ${error instanceof SoakSetupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
