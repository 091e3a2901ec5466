import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { poolConfigFromUrl } from "../../lib/db/connection";

export const PGBOUNCER_BIN = "/usr/sbin/pgbouncer";
export const hasPgBouncer = existsSync(PGBOUNCER_BIN);

export interface PgBouncerDatabase {
  /** The name clients use through PgBouncer. */
  alias: string;
  /** The database on the Postgres server behind it. */
  database: string;
  poolSize: number;
}

export interface RunningPgBouncer {
  port: number;
  /** DATABASE_URL for a client of PgBouncer. */
  url(alias: string): string;
  /** Everything PgBouncer wrote so far (its log goes to stderr). */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * A real PgBouncer in transaction pooling mode in front of the Postgres server of `serverUrl`, configured as an
 * operator following the README would: trust auth, no ignore_startup_parameters, small pools so that clients
 * outnumber server connections. Stopped (and its files removed) by stop(), or when the test process exits.
 */
export async function startPgBouncer(serverUrl: string, databases: PgBouncerDatabase[], port?: number): Promise<RunningPgBouncer> {
  const server = poolConfigFromUrl(serverUrl);
  const listenPort = port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), "keel-pgbouncer-"));
  // PgBouncer refuses to run as root; it then takes another user's identity, which must read these files.
  chmodSync(dir, 0o755);
  const password = typeof server.password === "string" && server.password ? ` password=${server.password}` : "";
  const lines = [
    "[databases]",
    ...databases.map((d) => `${d.alias} = host=${server.host} port=${server.port} dbname=${d.database} user=${server.user}${password} pool_size=${d.poolSize}`),
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${listenPort}`,
    "unix_socket_dir =",
    "auth_type = trust",
    `auth_file = ${path.join(dir, "users.txt")}`,
    `admin_users = ${server.user}`,
    "pool_mode = transaction",
    "max_client_conn = 200",
    "default_pool_size = 2",
    "reserve_pool_size = 0",
    "log_connections = 0",
    "log_disconnections = 0",
  ];
  writeFileSync(path.join(dir, "pgbouncer.ini"), `${lines.join("\n")}\n`, { mode: 0o644 });
  writeFileSync(path.join(dir, "users.txt"), `"${server.user}" ""\n`, { mode: 0o644 });

  const asRoot = process.getuid?.() === 0;
  const child = spawn(PGBOUNCER_BIN, [...(asRoot ? ["-u", "nobody"] : []), path.join(dir, "pgbouncer.ini")], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  while (!(await accepts(listenPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`pgbouncer did not start listening on ${listenPort}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port: listenPort,
    url: (alias) => `postgresql://${encodeURIComponent(String(server.user))}@127.0.0.1:${listenPort}/${alias}`,
    log: () => log,
    stop,
  };
}
