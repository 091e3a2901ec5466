import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

/** The user id in the signed session cookie, or null: how server actions learn who is asking. */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return session?.user?.id ?? null;
}
