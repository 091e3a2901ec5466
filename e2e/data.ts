import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { poolConfigFromUrl } from "../lib/db/connection";
import { demoEmail, demoId } from "../prisma/demo";
import { DEMO_PASSWORD } from "../prisma/demo-data";
import { createCycle } from "../prisma/factories";
import { e2eDatabaseUrl } from "./env";

/** The demo organisation the e2e database is seeded with, and how to reach its rows. */
export const DEMO = {
  orgName: "Northwind",
  password: DEMO_PASSWORD,
  owner: demoEmail(0),
  /** Chen Wei: a member who leads the Platform team. */
  platformLead: demoEmail(5),
  /** Ben Carter: a member of Platform who owns key results. */
  member: demoEmail(13),
  viewer: demoEmail(57),
  activeCycleId: demoId("cycle:active"),
  objectiveId: (key: string) => demoId(`objective:${key}`),
  keyResultId: (key: string) => demoId(`kr:${key}`),
  teamId: (key: string) => demoId(`team:${key}`),
};

let client: PrismaClient | undefined;
/** The same Prisma client and factories the seed and the integration tests use, pointed at the e2e database. */
export function e2ePrisma(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(e2eDatabaseUrl(), { max: 2 })) });
  return client;
}

/** An active cycle around today (a month behind, two ahead), made the organisation's default: what a new organisation of a test works in. */
export async function createCurrentCycle(db: PrismaClient, organizationId: string) {
  const now = Date.now();
  const cycle = await createCycle(db, organizationId, { state: "active", startDate: new Date(now - 30 * 86_400_000), endDate: new Date(now + 60 * 86_400_000) });
  await db.organization.update({ where: { id: organizationId }, data: { defaultCycleId: cycle.id } });
  return cycle;
}
