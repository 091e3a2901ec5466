import { parseIsoDate } from "@/lib/dates/week";
import { DEMO_SIGN_IN, seedDemoIfEmpty } from "./seed-demo";

/**
 * `npm run db:seed` (and `prisma db seed`): the demo organisation, into a database that has none.
 * KEEL_SEED_TODAY=YYYY-MM-DD pins the date the demo is built around.
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const today = process.env.KEEL_SEED_TODAY ? parseIsoDate(process.env.KEEL_SEED_TODAY) : new Date();
  if (!today) throw new Error("KEEL_SEED_TODAY must be a date like 2026-11-24");
  const seeded = await seedDemoIfEmpty(url, { today, force: process.argv.includes("--force") });
  console.log(
    seeded
      ? `Seeded the Northwind demo. Sign in as ${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password}`
      : "The database already has organisations; the demo was not added (use --force to add it anyway).",
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
