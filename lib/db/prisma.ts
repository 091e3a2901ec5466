import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { poolConfigFromUrl } from "./connection";

function createClient() {
  const adapter = new PrismaPg(
    poolConfigFromUrl(env().DATABASE_URL, {
      max: Number(process.env.KEEL_DB_POOL_SIZE ?? 10),
      // Postgres compiles any query its planner costs above jit_above_cost. The whole-cycle reads (tree, review) are
      // costed that high because row estimates through CTEs multiply, and compiling them takes longer than running
      // them (about 0.9 s of 1.4 s for the tree at full scale). Keel's queries never gain from JIT. A connection pooler
      // that refuses startup options can be given KEEL_PG_OPTIONS= (empty) and jit = off in postgresql.conf instead.
      options: process.env.KEEL_PG_OPTIONS ?? "-c jit=off",
    }),
  );
  return new PrismaClient({ adapter });
}

type Client = ReturnType<typeof createClient>;

// One client per process; development hot reloads would otherwise open a new pool on every edit.
const globalForPrisma = globalThis as unknown as { keelPrisma?: Client };

export const db: Client = globalForPrisma.keelPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.keelPrisma = db;

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
export type DbOrTx = Client | Tx;
