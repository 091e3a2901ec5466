import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { addMember, createUser } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

const fresh = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

/**
 * Signs in through the test OpenID provider (e2e/oidc-provider.ts): Keel's button, then the provider's own
 * development login page and consent screen, then back to Keel. The login names the identity handed out.
 */
async function signInWithSso(page: Page, login: string) {
  // The provider's page asks Google for a font; this machine has no internet, so answer with an empty sheet.
  await page.route("https://fonts.googleapis.com/**", (route) => route.fulfill({ status: 200, contentType: "text/css", body: "" }));
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function demoOrganizationId(): Promise<string> {
  return (await e2ePrisma().organization.findFirstOrThrow({ where: { name: DEMO.orgName }, select: { id: true } })).id;
}

test.describe("single sign-on", () => {
  // Each test goes through two servers and four page loads (Keel, the provider's login and consent, Keel again).
  test.slow();

  test("a first sign-in makes a new, verified account", async ({ page }) => {
    const email = fresh("newcomer");
    await signInWithSso(page, `verified:${email}`);
    await expect(page.getByRole("heading", { name: "You are not in an organisation yet" })).toBeVisible();
    const user = await e2ePrisma().user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.passwordHash).toBeNull();
  });

  test("links to an existing account whose email is verified", async ({ page }) => {
    const email = fresh("verified");
    const user = await createUser(e2ePrisma(), { email, name: "Vic Verified" });
    await e2ePrisma().user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    await addMember(e2ePrisma(), await demoOrganizationId(), user.id, "member");
    await signInWithSso(page, `verified:${email}`);
    await expectSignedIn(page, DEMO.orgName);
    expect(await e2ePrisma().user.count({ where: { email } })).toBe(1);
  });

  test("refuses to link to an account whose email was never verified", async ({ page }) => {
    const email = fresh("squatted");
    await createUser(e2ePrisma(), { email, name: "Someone Else" });
    await signInWithSso(page, `verified:${email}`);
    await expect(page).toHaveURL(/\/signin\?error=OidcLinkUnverified/);
    await expect(page.getByText("A Keel account with this email exists, but its address is not verified yet.")).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("refuses an address the provider says is unverified", async ({ page }) => {
    const email = fresh("unverified");
    await signInWithSso(page, `unverified:${email}`);
    await expect(page).toHaveURL(/\/signin\?error=OidcUnverifiedEmail/);
    await expect(page.getByText("Your single sign-on provider has not confirmed that your email address is verified")).toBeVisible();
    expect(await e2ePrisma().user.count({ where: { email } })).toBe(0);
  });

  test("refuses when the provider does not say whether the address is verified", async ({ page }) => {
    const email = fresh("unsaid");
    await signInWithSso(page, `missing:${email}`);
    await expect(page).toHaveURL(/\/signin\?error=OidcUnverifiedEmail/);
    expect(await e2ePrisma().user.count({ where: { email } })).toBe(0);
  });
});
