import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { sourceStamp } from "../../scripts/lib/build-stamp";
import { run } from "../../scripts/lib/migrations";

/** The benchmark's own build folder, so it never replaces the build `npm start` or the tests serve. */
export const BENCH_DIST_DIR = ".next-bench";
const STAMP = path.join(BENCH_DIST_DIR, "keel-bench-stamp");
const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
export function isBuildCurrent(): boolean {
  return existsSync(path.join(BENCH_DIST_DIR, "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceStamp();
}

/** `next build` into .next-bench unless the sources are unchanged since the last one. Returns whether it built. */
export async function ensureBuild(databaseUrl: string, log: (line: string) => void): Promise<boolean> {
  if (isBuildCurrent()) return false;
  log(`building the app into ${BENCH_DIST_DIR} (the sources changed since the last benchmark build)`);
  await run(process.execPath, [NEXT_BIN, "build"], { KEEL_DIST_DIR: BENCH_DIST_DIR, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" }, { quiet: true });
  // Stamped after the build, which may itself touch tsconfig.json.
  writeFileSync(STAMP, sourceStamp());
  return true;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

export interface AppServer {
  baseUrl: string;
  pid: number;
  /** The last lines the server wrote to stderr, to explain a failure. */
  recentErrors(): string[];
  stop(): Promise<void>;
}

/**
 * `next start` on a free port against the bench database, background jobs off, its pool `poolSize` connections
 * (KEEL_DB_POOL_SIZE), serving `distDir` (default the benchmark's own build); resolves once /api/health answers.
 */
export async function startApp(options: { databaseUrl: string; secret: string; poolSize: number; distDir?: string; readTimeoutMs?: number }): Promise<AppServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: options.secret,
      NEXT_TELEMETRY_DISABLED: "1",
      KEEL_DIST_DIR: options.distDir ?? BENCH_DIST_DIR,
      KEEL_DB_POOL_SIZE: String(options.poolSize),
      KEEL_JOBS: "off",
      ...(options.readTimeoutMs ? { KEEL_READ_TIMEOUT_MS: String(options.readTimeoutMs) } : {}),
    },
  });
  const errors: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) errors.push(line.trim());
    errors.splice(0, Math.max(0, errors.length - 30));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: AppServer = {
    baseUrl,
    pid: child.pid!,
    recentErrors: () => [...errors],
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app stopped while starting: ${errors.slice(-5).join(" | ")}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return server;
    } catch {
      // Not listening yet: ask again once the event loop has had a turn.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`the app did not answer on ${baseUrl}/api/health within a minute: ${errors.slice(-5).join(" | ")}`);
}
