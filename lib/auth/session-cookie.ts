import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { env } from "@/lib/env";
import { decodeSession } from "./jwt";

export interface SessionIdentity {
  userId: string;
  /** The user's session version when the cookie was issued; -1 for cookies from before versions existed. */
  sessionVersion: number;
}

/**
 * Who the signed session cookie names, without asking the database: it may have been ended since. Callers compare
 * the version in the one lookup they already make (resolveActor), or use getSessionUserId.
 *
 * The cookie is decrypted once per request (React's cache spans one render: the layout, the page and everything they
 * call). It is read here rather than through getServerSession, which also runs next-auth's callbacks and encrypts a
 * renewed cookie that a server component cannot send anyway; getToken reads the same cookie (by the same name,
 * chunks joined) with the same decoder as the route handlers, and answers null for a forged, foreign or expired one.
 */
export const readSessionCookie = cache(async (): Promise<SessionIdentity | null> => {
  // No headers: a page is never signed in by an Authorization header (getToken would fall back to one).
  const req = { cookies: await cookies(), headers: {} };
  const token = await getToken({ req: req as never, secret: env().NEXTAUTH_SECRET, decode: decodeSession });
  if (!token || typeof token.uid !== "string") return null;
  return { userId: token.uid, sessionVersion: typeof token.sv === "number" ? token.sv : -1 };
});
