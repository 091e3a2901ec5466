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
});
