import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL as baseURL, E2E_OIDC_CLIENT, E2E_OIDC_ISSUER, E2E_PORT as port, E2E_SECRET, E2E_SLACK_APP, E2E_SLACK_URL, e2eDatabaseUrl } from "./e2e/env";

const databaseUrl = e2eDatabaseUrl();
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      // Debian's Chromium, offline: no sandbox as root, and no calls home that the closed network would refuse.
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  // Single sign-on is on for every test, through a real OpenID provider started first (e2e/sso.spec.ts uses it).
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs e2e/oidc-provider.ts",
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node node_modules/tsx/dist/cli.mjs e2e/slack-stand-in.ts",
      url: `${E2E_SLACK_URL}/test/calls`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${port}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: E2E_SECRET,
        NEXT_TELEMETRY_DISABLED: "1",
        KEEL_DIST_DIR: process.env.KEEL_DIST_DIR ?? ".next-test",
        // Only the webhooks job: e2e/webhooks.spec.ts watches a delivery arrive; reminders would mail every test's people.
        KEEL_JOBS: process.env.KEEL_JOBS ?? "webhooks",
        // Its receiver listens on this machine.
        KEEL_WEBHOOK_ALLOW_PRIVATE: "1",
        OIDC_ISSUER: E2E_OIDC_ISSUER,
        OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
        OIDC_NAME: E2E_OIDC_CLIENT.name,
        // Slack, through the stand-in of e2e/slack-stand-in.ts.
        SLACK_CLIENT_ID: E2E_SLACK_APP.clientId,
        SLACK_CLIENT_SECRET: E2E_SLACK_APP.clientSecret,
        SLACK_SIGNING_SECRET: E2E_SLACK_APP.signingSecret,
        SLACK_API_URL: `${E2E_SLACK_URL}/api/`,
        SLACK_AUTHORIZE_URL: `${E2E_SLACK_URL}/oauth/v2/authorize`,
      },
    },
  ],
});
