import { randomUUID } from "node:crypto";
import { DEMO } from "./data";
import { e2eDb, expect, expectSignedIn, test } from "./fixtures";

test.describe("accounts", () => {
  test("a signed-out visitor is sent to sign in and comes back to the page they asked for", async ({ page }) => {
    await page.goto(`/?cycle=${DEMO.activeCycleId}`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await page.getByLabel("Email").fill(DEMO.member);
    await page.getByLabel("Password").fill(DEMO.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/\\?cycle=${DEMO.activeCycleId}$`));
    await expectSignedIn(page, DEMO.orgName);
  });

  test("sign up creates an organisation, then sign out and sign in again", async ({ page }) => {
    const email = `founder-${randomUUID().slice(0, 8)}@example.test`;
    const orgName = `Harbour ${randomUUID().slice(0, 6)}`;
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Fran Founder");
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill("a-sturdy-password-9");
    await page.getByLabel("Organisation name").fill(orgName);
    await page.getByRole("button", { name: "Create account" }).click();
    await expectSignedIn(page, orgName);
    await expect(page.getByRole("heading", { name: `Welcome to ${orgName}` })).toBeVisible();

    await page.getByRole("button", { name: "Open user menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a-sturdy-password-9");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectSignedIn(page, orgName);
  });

  test("sign-up explains what is wrong and creates nothing", async ({ page }) => {
    const email = `careful-${randomUUID().slice(0, 8)}@example.test`;
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Cas Careful");
    await page.getByLabel("Work email").fill("not-an-email");
    await page.getByLabel("Password").fill("weak");
    await page.getByLabel("Organisation name").fill("Careful Co");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#email-error")).toHaveText(/valid email/);
    await expect(page.locator("#password-error")).toHaveText(/at least 10 characters/);
    await expect(page.getByLabel("Your name")).toHaveValue("Cas Careful");

    await page.getByLabel("Work email").fill(DEMO.owner);
    await page.getByLabel("Password").fill("a-sturdy-password-9");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#email-error")).toHaveText(/already exists/);

    const { rowCount } = await e2eDb().query("SELECT 1 FROM users WHERE email = $1", [email]);
    expect(rowCount).toBe(0);
    const orgs = await e2eDb().query("SELECT 1 FROM organizations WHERE name = 'Careful Co'");
    expect(orgs.rowCount).toBe(0);
  });

  test("a wrong password says so without telling whether the email exists", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(DEMO.viewer);
    await page.getByLabel("Password").fill("not-the-password-1");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const message = page.getByTestId("form-error");
    await expect(message).toHaveText("That email and password do not match an account.");

    await page.getByLabel("Email").fill(`nobody-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(message).toHaveText("That email and password do not match an account.");
    await expect(page).toHaveURL(/\/signin/);
  });
});
