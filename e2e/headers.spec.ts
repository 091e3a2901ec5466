import type { APIResponse, Page, Response } from "@playwright/test";
import { demoId } from "../prisma/demo";
import { DEMO } from "./data";
import { E2E_BASE_URL } from "./env";
import { expect, test } from "./fixtures";

type Headers = Record<string, string>;

/** What every response of Keel carries, whatever produced it (page, route handler, error, 404). */
function expectSecurityHeaders(headers: Headers, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(csp, `${what}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, `${what}: no eval in production`).not.toContain("unsafe-eval");
  expect(csp, `${what}: scripts need a nonce`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  // The e2e server runs on plain http: HSTS there would be a promise Keel cannot keep.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

async function visit(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  return response!;
}

const SIGNED_IN_PAGES = [
  "/",
  "/my-week",
  "/tree",
  `/tree/graph/${DEMO.objectiveId("T1")}`,
  "/review",
  "/cycles",
  `/cycles/${demoId("cycle:past")}/summary`,
  `/cycles/${DEMO.activeCycleId}/close`,
  "/objectives/new",
  `/objectives/${DEMO.objectiveId("T1")}`,
  "/teams",
  `/teams/${DEMO.teamId("platform")}`,
  `/teams/${DEMO.teamId("platform")}/check-ins`,
  "/members",
  "/settings/profile",
  "/settings/organization",
  "/settings/tokens",
  "/admin/mailbox",
];

// A few pages per test: each is a full server render on a busy machine.
const GROUPS = Array.from({ length: Math.ceil(SIGNED_IN_PAGES.length / 3) }, (_, i) => SIGNED_IN_PAGES.slice(i * 3, i * 3 + 3));

for (const group of GROUPS) {
  test(`signed-in pages carry the security headers and run under their CSP: ${group.join(" ")}`, async ({ page, signInAs }) => {
    test.slow();
    const violations: string[] = [];
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await signInAs(DEMO.owner);
    const nonces = new Set<string>();
    for (const path of group) {
      const response = await visit(page, path);
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      expectSecurityHeaders(headers, path);
      nonces.add(/'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1]!);
      await expect(page.getByTestId("org-name")).toHaveText(DEMO.orgName);
      // Next put this response's nonce on its scripts; a refused one would be a console error (see the fixture).
      await expect(page.locator("script[nonce]").first()).toBeAttached();
    }
    expect(nonces.size, "a fresh nonce for every response").toBe(group.length);
    expect(violations).toEqual([]);
  });
}

test("the sign-in page works under the CSP: a person signs in and lands where they asked", async ({ page }) => {
  test.slow();
  const response = await visit(page, "/signin?callbackUrl=%2Fteams");
  expectSecurityHeaders(response.headers(), "/signin");
  await page.getByLabel("Email").fill(DEMO.owner);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/teams$/);
  expectSecurityHeaders((await visit(page, "/signup")).headers(), "/signup");
});

test("a tab smuggled into the callback keeps the person on Keel", async ({ page }) => {
  test.slow();
  await visit(page, "/signin?callbackUrl=%2F%09%2Fevil.example");
  await page.getByLabel("Email").fill(DEMO.owner);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("org-name")).toHaveText(DEMO.orgName);
  expect(new URL(page.url()).origin).toBe(E2E_BASE_URL);
});

test("the 404 page, the sign-in redirect, route handlers and API errors carry the headers too", async ({ page, request, signInAs }) => {
  test.slow();
  const redirect: APIResponse = await request.get("/tree", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect.headers(), "sign-in redirect");

  const health = await request.get("/api/health");
  expectSecurityHeaders(health.headers(), "/api/health");

  const unauthenticated = await request.get("/api/v1/cycles");
  expect(unauthenticated.status()).toBe(401);
  expectSecurityHeaders(unauthenticated.headers(), "API 401");
  expect(unauthenticated.headers()["cache-control"]).toContain("no-store");

  await signInAs(DEMO.owner);
  const missing = await visit(page, "/no-such-page");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing.headers(), "404 page");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  const cycles = await page.request.get("/api/v1/cycles");
  expect(cycles.status()).toBe(200);
  expectSecurityHeaders(cycles.headers(), "API 200");
  expect(cycles.headers()["cache-control"]).toContain("no-store");

  const exported = await page.request.get(`/review/export?cycle=${DEMO.activeCycleId}&section=teams`);
  expect(exported.status()).toBe(200);
  expectSecurityHeaders(exported.headers(), "review export");

  const script = (await page.goto("/"))!;
  const src = await page.locator("script[src]").first().getAttribute("src");
  const chunk = await page.request.get(src!);
  expect(chunk.headers()["x-content-type-options"], "static chunk").toBe("nosniff");
  expect(script.ok()).toBe(true);
});

test("a forged same-site write through the browser is refused and changes nothing", async ({ page, signInAs }) => {
  await signInAs(DEMO.owner);
  await visit(page, "/");
  // From a Keel page but with the simple-request content type a foreign form could send.
  const status = await page.evaluate(async (cycleId) => {
    const res = await fetch(`/api/v1/cycles/${cycleId}/close`, { method: "POST", headers: { "content-type": "text/plain; x=application/json" }, body: JSON.stringify({ force: true }) });
    return res.status;
  }, DEMO.activeCycleId);
  expect(status).toBe(400);
  const cycle = await page.request.get(`/api/v1/cycles/${DEMO.activeCycleId}`);
  expect(((await cycle.json()) as { state: string }).state).toBe("active");
});
