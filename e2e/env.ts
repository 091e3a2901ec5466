/** Settings shared by the Playwright config, its web server and the fixtures. */
export const E2E_PORT = Number(process.env.KEEL_E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_SECRET = process.env.NEXTAUTH_SECRET ?? "keel-e2e-secret-keel-e2e-secret";

export function e2eDatabaseUrl(): string {
  const url = process.env.KEEL_E2E_DATABASE_URL;
  if (!url) throw new Error("Run the end-to-end tests through `npm test` (or `npm run test:e2e`), which prepares their database.");
  return url;
}

/** The OpenID provider the end-to-end web server signs in through (e2e/oidc-provider.ts), beside the app's port. */
export const E2E_OIDC_PORT = E2E_PORT + 1000;
export const E2E_OIDC_ISSUER = `http://localhost:${E2E_OIDC_PORT}`;
export const E2E_OIDC_CLIENT = { id: "keel-e2e", secret: "keel-e2e-client-secret", name: "Test SSO" } as const;

/** The stand-in for Slack's consent page and Web API (e2e/slack-stand-in.ts), and the Slack app the web server has. */
export const E2E_SLACK_PORT = E2E_PORT + 1001;
export const E2E_SLACK_URL = `http://localhost:${E2E_SLACK_PORT}`;
export const E2E_SLACK_APP = { clientId: "keel-e2e-slack", clientSecret: "keel-e2e-slack-secret", signingSecret: "keel-e2e-slack-signing-secret" } as const;
