import "server-only";
import type { Tx } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditActor {
  orgId: string;
  userId: string | null;
  apiTokenId?: string | null;
}

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Writes the history row inside the caller's transaction, so a change and its record land together or not at all. */
export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      organizationId: actor.orgId,
      actorId: actor.userId,
      apiTokenId: actor.apiTokenId ?? null,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      before: toJson(entry.before),
      after: toJson(entry.after),
      reason: entry.reason ?? null,
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  // Decimals and dates become strings, which is what a reader of the history wants to see.
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
