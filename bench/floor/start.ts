import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../lib/server";

export interface FloorServer {
  baseUrl: string;
  pid: number;
  recentErrors(): string[];
  stop(): Promise<void>;
}

const SERVER = path.resolve(import.meta.dirname, "server.ts");

/**
 * Starts the HTTP floor (bench/floor/server.ts) in a process of its own, as Keel's server runs in its own: the same
 * database, session secret and pool size. Resolves once it answers.
 */
export async function startFloorServer(options: { databaseUrl: string; secret: string; poolSize: number }): Promise<FloorServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", SERVER], {
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_SECRET: options.secret,
      KEEL_DB_POOL_SIZE: String(options.poolSize),
      KEEL_FLOOR_PORT: String(port),
      KEEL_JOBS: "off",
    },
  });
  const errors: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) errors.push(line.trim());
    errors.splice(0, Math.max(0, errors.length - 30));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: FloorServer = {
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
    if (child.exitCode !== null) throw new Error(`the HTTP floor stopped while starting: ${errors.slice(-5).join(" | ")}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return server;
    } catch {
      // Not listening yet: ask again once the event loop has had a turn.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop();
  throw new Error(`the HTTP floor did not answer on ${baseUrl} within a minute: ${errors.slice(-5).join(" | ")}`);
}
