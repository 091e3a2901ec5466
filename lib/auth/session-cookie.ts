import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

export interface SessionIdentity {
  userId: string;
  /** The user's session version when the cookie was issued; -1 for cookies from before versions existed. */
  sessionVersion: number;
}

/**
 * Who the signed session cookie names, without asking the database: it may have been ended since. Callers compare
 * the version in the one lookup they already make (resolveActor), or use getSessionUserId.
 */
export async function readSessionCookie(): Promise<SessionIdentity | null> {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  return { userId, sessionVersion: session.user?.sessionVersion ?? -1 };
}
