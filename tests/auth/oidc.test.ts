import type { Profile } from "next-auth";
import { afterEach, describe, expect, it, vi } from "vitest";

async function freshOptions() {
  vi.resetModules();
  const { authOptions } = await import("@/lib/auth/options");
  return authOptions();
}

describe("single sign-on (OpenID Connect)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is off unless configured", async () => {
    const options = await freshOptions();
    expect(options.providers.map((p) => p.id)).toEqual(["credentials"]);
  });

  it("is switched on by environment variables, with the issuer's discovery document", async () => {
    vi.stubEnv("OIDC_ISSUER", "https://id.example.test/realms/acme/");
    vi.stubEnv("OIDC_CLIENT_ID", "keel");
    vi.stubEnv("OIDC_CLIENT_SECRET", "s3cret");
    vi.stubEnv("OIDC_NAME", "Acme SSO");
    const options = await freshOptions();
    const oidc = options.providers.find((p) => p.id === "oidc") as unknown as { name: string; wellKnown: string; checks: string[] };
    expect(oidc.name).toBe("Acme SSO");
    expect(oidc.wellKnown).toBe("https://id.example.test/realms/acme/.well-known/openid-configuration");
    expect(oidc.checks).toEqual(["pkce", "state"]);
  });

  it("refuses a half configuration with one clear line", async () => {
    vi.stubEnv("OIDC_ISSUER", "https://id.example.test");
    await expect(freshOptions()).rejects.toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together/);
  });

  it("refuses an address the identity provider has not verified, before any account is looked up or made", async () => {
    vi.stubEnv("OIDC_ISSUER", "https://id.example.test");
    vi.stubEnv("OIDC_CLIENT_ID", "keel");
    vi.stubEnv("OIDC_CLIENT_SECRET", "s3cret");
    const options = await freshOptions();
    const signIn = options.callbacks!.signIn!;
    const account = { provider: "oidc", type: "oauth", providerAccountId: "sub-1" } as const;
    const user = { id: "sub-1", email: "ada@example.test", name: "Ada" };
    expect(await signIn({ user, account, profile: { sub: "sub-1", email: user.email, email_verified: false } as Profile })).toBe("/signin?error=OidcUnverifiedEmail");
    expect(await signIn({ user: { ...user, email: null }, account, profile: { sub: "sub-1" } })).toBe("/signin?error=OidcNoEmail");
  });
});
