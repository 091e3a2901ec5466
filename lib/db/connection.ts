import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import pg, { type PoolConfig } from "pg";

export type SslMode = "disable" | "allow" | "prefer" | "require" | "verify-ca" | "verify-full";
const SSL_MODES: readonly SslMode[] = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

export interface SslSettings {
  /** What pg gets as `ssl`: false for plain connections. */
  ssl: false | ConnectionOptions;
  /** prefer: when the server answers that it has no TLS, connect without (see lib/db/pool.ts). */
  fallbackToPlain: boolean;
  /** allow: plain first; when the server refuses plain connections, these TLS settings instead. */
  fallbackToTls?: ConnectionOptions;
}

/** pg's words when the server answers an SSLRequest with "no". */
export const NO_TLS_ERROR = "The server does not support SSL connections";
/** The server's refusal of a plain connection (pg_hba.conf allows only hostssl): "..., no encryption" (PG 14+), "SSL off" before. */
export const PLAIN_REFUSED = /no encryption|SSL off/;

/**
 * DATABASE_URL's sslmode as libpq documents it. disable: plain. allow: plain, TLS without checks when the server
 * refuses plain. prefer: TLS without checks, plain when the server has no TLS. require: TLS without checks, unless a root certificate is given, which libpq then checks as verify-ca.
 * verify-ca: the chain must lead to the root certificate (sslrootcert, else the system's). verify-full: that, and the
 * host name must match. No sslmode means plain, as Keel always did (libpq would say prefer).
 * sslcert/sslkey add a client certificate; files are read here, once, so a wrong path fails at start.
 */
export function sslSettings(params: URLSearchParams, readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): SslSettings {
  const raw = params.get("sslmode") ?? "disable";
  if (!SSL_MODES.includes(raw as SslMode)) throw new Error(`DATABASE_URL has an unknown sslmode '${raw}': use one of ${SSL_MODES.join(", ")}`);
  const mode = raw as SslMode;
  if (mode === "disable") return { ssl: false, fallbackToPlain: false };

  const file = (name: "sslrootcert" | "sslcert" | "sslkey"): string | undefined => {
    const path = params.get(name);
    if (!path || path === "system") return undefined;
    try {
      return readFile(path);
    } catch (error) {
      throw new Error(`DATABASE_URL names ${name}=${path}, which cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const ca = file("sslrootcert");
  const cert = file("sslcert");
  const key = file("sslkey");
  const clientCert: ConnectionOptions = { ...(cert ? { cert } : {}), ...(key ? { key } : {}) };

  if (mode === "verify-full") return { ssl: { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...clientCert }, fallbackToPlain: false };
  if (mode === "verify-ca" || (mode === "require" && ca)) {
    // The chain is checked, the name in the certificate is not: what verify-ca promises, no more.
    return { ssl: { rejectUnauthorized: true, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined, ...clientCert }, fallbackToPlain: false };
  }
  if (mode === "allow") return { ssl: false, fallbackToPlain: false, fallbackToTls: { rejectUnauthorized: false, ...clientCert } };
  return { ssl: { rejectUnauthorized: false, ...clientCert }, fallbackToPlain: mode === "prefer" };
}

/**
 * Turns DATABASE_URL into discrete pg settings. The Prisma adapter must get discrete fields: given a
 * connectionString it would also use it for the shadow database, which would then be the real one.
 */
export function poolConfigFromUrl(url: string, overrides: PoolConfig = {}): PoolConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid postgresql:// URL");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error("DATABASE_URL must start with postgresql://");
  }
  return {
    host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || "postgres",
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    ssl: sslSettings(parsed.searchParams).ssl,
    ...overrides,
  };
}

/** The same server, another database: how tests and the drift check get their own databases. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * poolConfigFromUrl, with allow/prefer settled by one trial connection: for the command-line steps (migrations, seed,
 * the start check), whose clients cannot fall back on their own as the app's pool does.
 */
export async function negotiatedPoolConfig(url: string, overrides: PoolConfig = {}): Promise<PoolConfig> {
  const config = poolConfigFromUrl(url, overrides);
  const settings = sslSettings(new URL(url).searchParams);
  if (!settings.fallbackToPlain && !settings.fallbackToTls) return config;
  const client = new pg.Client(config);
  client.on("error", () => undefined);
  try {
    await client.connect();
    return config;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (settings.fallbackToPlain && message === NO_TLS_ERROR) return { ...config, ssl: false };
    if (settings.fallbackToTls && PLAIN_REFUSED.test(message)) return { ...config, ssl: settings.fallbackToTls };
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
