import { randomUUID } from "node:crypto";
import type { Profile } from "next-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { createUser } from "@/prisma/factories";

type Callbacks = NonNullable<import("next-auth").NextAuthOptions["callbacks"]>;
let callbacks: Callbacks;

beforeAll(async () => {
  vi.stubEnv("OIDC_ISSUER", "https://id.example.test");
  vi.stubEnv("OIDC_CLIENT_ID", "keel");
  vi.stubEnv("OIDC_CLIENT_SECRET", "s3cret");
  vi.resetModules();
  const { authOptions } = await import("@/lib/auth/options");
  callbacks = authOptions().callbacks!;
});
afterAll(() => vi.unstubAllEnvs());

const account = { provider: "oidc", type: "oauth", providerAccountId: "sub-1" } as const;
const address = () => `sso-${randomUUID().slice(0, 8)}@example.test`;

/** The provider's sign-in, as next-auth hands it over: signIn decides, then jwt writes the cookie's contents. */
async function ssoSignIn(email: string, claims: Record<string, unknown>) {
  const user = { id: "sub-1", email, name: "Sam Sso" };
  const result = await callbacks.signIn!({ user, account, profile: { sub: "sub-1", email, ...claims } as Profile });
  if (result !== true) return { result, token: null };
  const token = await callbacks.jwt!({ token: {}, user, account, trigger: "signIn" });
  return { result, token };
}

describe("single sign-on linking", () => {
  it("refuses an existing account whose email is not verified, even when the provider vouches for it", async () => {
    // Someone signed up first with another person's address, hoping single sign-on would hand them that person.
    const squatter = await createUser(db, { email: address(), passwordHash: await hashPassword("squatter-pass-1") });
    const { result } = await ssoSignIn(squatter.email, { email_verified: true });
    expect(result).toBe("/signin?error=OidcLinkUnverified");
  });

  it("links to an existing account with a verified email when the provider says the address is verified", async () => {
    const person = await createUser(db, { email: address() });
    await db.user.update({ where: { id: person.id }, data: { emailVerifiedAt: new Date(), sessionVersion: 3 } });
    const { result, token } = await ssoSignIn(person.email.toUpperCase(), { email_verified: true });
    expect(result).toBe(true);
    expect(token).toMatchObject({ uid: person.id, sv: 3 });
  });

  it("refuses when the provider leaves the email_verified claim out, or says false, or sends a string", async () => {
    const person = await createUser(db, { email: address() });
    await db.user.update({ where: { id: person.id }, data: { emailVerifiedAt: new Date() } });
    for (const claims of [{}, { email_verified: false }, { email_verified: "true" }]) {
      expect((await ssoSignIn(person.email, claims)).result).toBe("/signin?error=OidcUnverifiedEmail");
    }
    const stranger = address();
    expect((await ssoSignIn(stranger, {})).result).toBe("/signin?error=OidcUnverifiedEmail");
    expect(await db.user.count({ where: { email: stranger } })).toBe(0);
  });

  it("makes a new, verified account for a new verified address", async () => {
    const email = address();
    const { result, token } = await ssoSignIn(email, { email_verified: true });
    expect(result).toBe(true);
    const created = await db.user.findUniqueOrThrow({ where: { email } });
    expect(created.emailVerifiedAt).toBeInstanceOf(Date);
    expect(created.passwordHash).toBeNull();
    expect(token).toMatchObject({ uid: created.id, sv: 0 });
  });
});
