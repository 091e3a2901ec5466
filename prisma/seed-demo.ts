import { PrismaPg } from "@prisma/adapter-pg";
import { hash } from "@node-rs/argon2";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { negotiatedPoolConfig } from "@/lib/db/connection";
import { DEMO_PASSWORD } from "./demo-data";
import { demoEmail, seedDemo } from "./demo";

export const DEMO_SIGN_IN = { email: demoEmail(0), password: DEMO_PASSWORD };

/** Seeds the demo organisation unless the database already has organisations. Returns whether it seeded. */
export async function seedDemoIfEmpty(url: string, options: { today?: Date; force?: boolean } = {}): Promise<boolean> {
  const db = new PrismaClient({ adapter: new PrismaPg(await negotiatedPoolConfig(url)) });
  try {
    if (!options.force && (await db.organization.count()) > 0) return false;
    const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    await seedDemo(db, { today: options.today, passwordHash });
    return true;
  } finally {
    await db.$disconnect();
  }
}
