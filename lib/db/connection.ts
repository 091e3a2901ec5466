import type { PoolConfig } from "pg";

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
  const sslmode = parsed.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || "postgres",
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    ssl: sslmode === "require" || sslmode === "verify-full" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
    ...overrides,
  };
}

/** The same server, another database: how tests and the drift check get their own databases. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
