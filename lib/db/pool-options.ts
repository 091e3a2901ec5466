import type { PoolConfig } from "pg";

type Source = Readonly<Record<string, string | undefined>>;

/**
 * KEEL_PGBOUNCER=1: Keel's connections go through PgBouncer in transaction pooling mode, where consecutive
 * statements of one client connection may run on different server connections. Only what must differ there does:
 * no startup `options` (PgBouncer refuses them) and no named prepared statements (a statement prepared on one
 * server connection does not exist on the next).
 */
export function usesPgBouncer(source: Source = process.env): boolean {
  return source.KEEL_PGBOUNCER === "1";
}

/** The settings of Keel's shared pool (lib/db/pool.ts) that come from the environment rather than DATABASE_URL. */
export function poolOptions(source: Source = process.env): Pick<PoolConfig, "max" | "options"> {
  const max = Number(source.KEEL_DB_POOL_SIZE ?? 10);
  // Postgres compiles any query its planner costs above jit_above_cost. The whole-cycle reads (tree, review) are
  // costed that high because row estimates through CTEs multiply, and compiling them takes longer than running
  // them (about 0.9 s of 1.4 s for the tree at full scale). Keel's queries never gain from JIT. PgBouncer 1.18
  // closes any connection that sends `options`, so behind it `ALTER DATABASE ... SET jit = off` does this instead;
  // another pooler that refuses them can be given KEEL_PG_OPTIONS= (empty).
  if (usesPgBouncer(source)) return { max };
  const options = source.KEEL_PG_OPTIONS ?? "-c jit=off";
  return options ? { max, options } : { max };
}
