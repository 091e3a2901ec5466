import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/prisma";

/**
 * The identity an integration (an organisation token, a data source) acts and authors check-ins as: a user with a
 * name, no password, no verified address and no membership, so it never signs in nor shows up among people.
 */
export async function createIntegrationIdentity(tx: Tx, name: string): Promise<string> {
  const identity = await tx.user.create({
    data: { email: `integration-${randomUUID()}@integrations.keel.invalid`, name, isIntegration: true, remindersEnabled: false },
    select: { id: true },
  });
  return identity.id;
}
