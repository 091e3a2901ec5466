import pg from "pg";
import { env } from "@/lib/env";
import { poolConfigFromUrl } from "./connection";

function createPool(): pg.Pool {
  return new pg.Pool(
    poolConfigFromUrl(env().DATABASE_URL, {
      max: Number(process.env.KEEL_DB_POOL_SIZE ?? 10),
      // Postgres compiles any query its planner costs above jit_above_cost. The whole-cycle reads (tree, review) are
      // costed that high because row estimates through CTEs multiply, and compiling them takes longer than running
      // them (about 0.9 s of 1.4 s for the tree at full scale). Keel's queries never gain from JIT. A connection pooler
      // that refuses startup options can be given KEEL_PG_OPTIONS= (empty) and jit = off in postgresql.conf instead.
      options: process.env.KEEL_PG_OPTIONS ?? "-c jit=off",
    }),
  );
}

// One pool per process, shared by Prisma and the hot paths that talk to pg directly (lib/db/batch.ts), so the
// connection limit is one number. Development hot reloads would otherwise open a new pool on every edit.
const globalForPool = globalThis as unknown as { keelPool?: pg.Pool };

export const pool: pg.Pool = globalForPool.keelPool ?? createPool();
// An idle connection that drops (a Postgres restart, a network blip) is replaced on the next checkout; without a
// listener its error would end the process.
if (!globalForPool.keelPool) pool.on("error", (error) => console.warn(`keel: an idle database connection failed: ${error.message}`));
if (process.env.NODE_ENV !== "production") globalForPool.keelPool = pool;
