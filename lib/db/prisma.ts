import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pool } from "./pool";

function createClient() {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

type Client = ReturnType<typeof createClient>;

// One client per process; development hot reloads would otherwise open a new pool on every edit.
const globalForPrisma = globalThis as unknown as { keelPrisma?: Client };

export const db: Client = globalForPrisma.keelPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.keelPrisma = db;

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
export type DbOrTx = Client | Tx;
