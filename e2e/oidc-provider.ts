/**
 * A real OpenID Connect provider (oidc-provider, the certified implementation) for the end-to-end tests, started by
 * Playwright before the web server. Its development login page accepts any login and password; the login says
 * which identity to hand out, so tests need no shared state with this process:
 *   verified:<email>    email_verified: true
 *   unverified:<email>  email_verified: false
 *   missing:<email>     no email_verified claim at all
 */
import Provider from "oidc-provider";
import { E2E_BASE_URL, E2E_OIDC_CLIENT, E2E_OIDC_ISSUER, E2E_OIDC_PORT } from "./env";

function claimsFor(login: string): Record<string, unknown> {
  const [kind, email] = login.split(":", 2);
  const base = { sub: login, email, name: `SSO ${email?.split("@")[0] ?? "person"}` };
  if (kind === "verified") return { ...base, email_verified: true };
  if (kind === "unverified") return { ...base, email_verified: false };
  return base;
}

const provider = new Provider(E2E_OIDC_ISSUER, {
  clients: [
    {
      client_id: E2E_OIDC_CLIENT.id,
      client_secret: E2E_OIDC_CLIENT.secret,
      redirect_uris: [`${E2E_BASE_URL}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // next-auth reads the profile from the ID token, so the claims go there rather than only to /userinfo.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["keel-e2e-oidc-cookie-key"] },
  async findAccount(_ctx, id) {
    return { accountId: id, claims: async () => ({ ...claimsFor(id), sub: id }) };
  },
});

provider.listen(E2E_OIDC_PORT, () => process.stdout.write(`test OpenID provider at ${E2E_OIDC_ISSUER}\n`));
