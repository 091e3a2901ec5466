import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pool } from "./pool";

/** A Prisma client on a given pool: the shared one here, a read replica's in lib/db/read.ts. */
export function createClient(on: pg.Pool = pool) {
  return new PrismaClient({ adapter: new PrismaPg(on) });
}

export type Client = ReturnType<typeof createClient>;

// One client per process; development hot reloads would otherwise open a new pool on every edit.
const globalForPrisma = globalThis as unknown as { keelPrisma?: Client };

export const db: Client = globalForPrisma.keelPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.keelPrisma = db;

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
export type DbOrTx = Client | Tx;
