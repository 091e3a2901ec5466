import { encode } from "next-auth/jwt";
import type { ManifestUser } from "./manifest";

export const SESSION_COOKIE = "next-auth.session-token";

/**
 * The cookie next-auth would set after signing in (as e2e/fixtures.ts mints it), without the sign-in round trip;
 * `sessionVersion` is the user's current one, which every request checks.
 */
export async function mintSessionCookie(user: ManifestUser, secret: string, sessionVersion: number): Promise<{ name: string; value: string }> {
  const value = await encode({ token: { uid: user.id, sub: user.id, email: user.email, name: user.name, sv: sessionVersion }, secret });
  return { name: SESSION_COOKIE, value };
}
