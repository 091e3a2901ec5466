import { migrateDeploy, pendingMigrations } from "./migrations";

export interface DemoPolicy {
  seed: boolean;
  /** The demo's accounts share a password printed in the README: say so whenever they may exist on a shared server. */
  warnPublicPassword: boolean;
}

/**
 * The demo organisation belongs in the embedded database of a one-machine try-out. A database named by DATABASE_URL
 * (a server, the Docker image) is someone's real one: it gets the demo only when asked with KEEL_SEED_DEMO=1.
 */
export function demoPolicy({ isEmbedded, seedDemo }: { isEmbedded: boolean; seedDemo: string | undefined }): DemoPolicy {
  if (seedDemo === "0") return { seed: false, warnPublicPassword: false };
  if (seedDemo === "1") return { seed: true, warnPublicPassword: !isEmbedded };
  return { seed: isEmbedded, warnPublicPassword: false };
}

/**
 * Where `npm start` listens unless HOST says otherwise. The embedded database is a try-out on this machine, with the
 * demo's public password: only this machine reaches it. A server with its own database (and the Docker image, whose
 * port mapping needs it) listens on every interface.
 */
export function defaultHost({ isEmbedded }: { isEmbedded: boolean }): string {
  return isEmbedded ? "127.0.0.1" : "0.0.0.0";
}

/** Applies pending migrations, then seeds the demo as the policy says. Returns whether it seeded. */
export async function prepareDatabase(url: string, policy: DemoPolicy, say: (line: string) => void): Promise<boolean> {
  const pending = await pendingMigrations(url);
  if (pending.length) {
    say(`applying ${pending.length} migration${pending.length === 1 ? "" : "s"} with prisma migrate deploy`);
    await migrateDeploy(url);
  }
  if (!policy.seed) return false;
  const { seedDemoIfEmpty } = await import("../../prisma/seed-demo");
  const seeded = await seedDemoIfEmpty(url);
  if (seeded) say("seeded the Northwind demo organisation");
  return seeded;
}
