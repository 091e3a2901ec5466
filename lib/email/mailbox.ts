import "server-only";
import { db } from "@/lib/db/prisma";

/** The development mailbox: the organisation's latest mail, newest first. */
export async function listMailbox(orgId: string, limit = 100) {
  return db.emailMessage.findMany({
    where: { organizationId: orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, to: true, subject: true, text: true, kind: true, status: true, error: true, createdAt: true, sentAt: true },
  });
}
