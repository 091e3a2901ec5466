import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import type { PoolConfig } from "pg";

export type SslMode = "disable" | "allow" | "prefer" | "require" | "verify-ca" | "verify-full";
const SSL_MODES: readonly SslMode[] = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

export interface SslSettings {
  /** What pg gets as `ssl`: false for plain connections. */
  ssl: false | ConnectionOptions;
  /** allow/prefer: when the server answers that it has no TLS, connect without (see lib/db/pool.ts). */
  fallbackToPlain: boolean;
}

/**
 * DATABASE_URL's sslmode as libpq documents it. disable: plain. allow/prefer: TLS without checks, plain when the server
 * has no TLS. require: TLS without checks, unless a root certificate is given, which libpq then checks as verify-ca.
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
  return { ssl: { rejectUnauthorized: false, ...clientCert }, fallbackToPlain: mode === "allow" || mode === "prefer" };
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
