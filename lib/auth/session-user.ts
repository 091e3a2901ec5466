import "server-only";
import { db } from "@/lib/db/prisma";
import { readSessionCookie } from "./session-cookie";

/**
 * The user id of a session that is still current, or null: how actions and pages that need a person but no
 * organisation learn who is asking. One small lookup; paths that resolve the actor check the version there instead.
 */
export async function getSessionUserId(): Promise<string | null> {
  const session = await readSessionCookie();
  if (!session) return null;
  const current = await db.user.findFirst({ where: { id: session.userId, sessionVersion: session.sessionVersion }, select: { id: true } });
  return current?.id ?? null;
}
