import { encode } from "next-auth/jwt";
import type { ManifestUser } from "./manifest";

export const SESSION_COOKIE = "next-auth.session-token";

/** The cookie next-auth would set after signing in (as e2e/fixtures.ts mints it), without the sign-in round trip. */
export async function mintSessionCookie(user: ManifestUser, secret: string): Promise<{ name: string; value: string }> {
  // `sv`: the session version the app checks on every request; generated people are all at the column's default, 0.
  const value = await encode({ token: { uid: user.id, sub: user.id, email: user.email, name: user.name, sv: 0 }, secret });
  return { name: SESSION_COOKIE, value };
}
