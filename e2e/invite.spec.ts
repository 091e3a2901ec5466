import { randomUUID } from "node:crypto";
import { DEMO } from "./data";
import { e2eDb, expect, expectSignedIn, test } from "./fixtures";

test.describe("people and access", () => {
  test("an owner invites by link; a new person signs up, accepts and appears on the People page", async ({ page, context, signInAs }) => {
    const email = `newcomer-${randomUUID().slice(0, 8)}@example.test`;
    const name = `Nia Newcomer ${randomUUID().slice(0, 4)}`;

    await signInAs(DEMO.owner);
    await page.goto("/members");
    await expect(page.getByRole("heading", { name: "People", exact: true })).toBeVisible();
    await page.getByLabel("Role", { exact: true }).selectOption("member");
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const linkField = page.getByLabel(/^Invitation link/);
    await expect(linkField).toHaveValue(/\/invite\/keel_inv_/);
    await expect(page.getByText("it cannot be shown again")).toBeVisible();
    const link = await linkField.inputValue();
    await expect(page.getByTestId("invitation-row").filter({ hasText: "Anyone with the link" }).first()).toBeVisible();

    await context.clearCookies();
    await page.goto(link);
    await expect(page.getByRole("heading", { name: `Join ${DEMO.orgName} on Keel` })).toBeVisible();
    await expect(page.getByText("Alex Rivera invited you to join")).toBeVisible();
    await page.getByRole("link", { name: "Create an account to join" }).click();

    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await expect(page.getByLabel("Organisation name")).toHaveCount(0);
    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill("a-sturdy-password-9");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(link);
    await expect(page.getByText(`You are signed in as ${email}.`)).toBeVisible();
    await page.getByRole("button", { name: "Accept invitation" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expectSignedIn(page, DEMO.orgName);
    const { rows } = await e2eDb().query<{ role: string; orgs: string }>(
      "SELECT m.role::text AS role, (SELECT count(*) FROM memberships WHERE user_id = u.id)::text AS orgs FROM users u JOIN memberships m ON m.user_id = u.id JOIN organizations o ON o.id = m.organization_id WHERE u.email = $1 AND o.name = $2",
      [email, DEMO.orgName],
    );
    expect(rows).toEqual([{ role: "member", orgs: "1" }]);

    // The link worked once.
    await context.clearCookies();
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();

    await signInAs(DEMO.owner);
    await page.goto(`/members?q=${encodeURIComponent(email)}`);
    const row = page.getByTestId("member-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(name);
    await expect(row.getByLabel(`Role of ${name}`, { exact: true })).toHaveValue("member");
  });

  test("a personal API token works against the API until it is revoked", async ({ page, request, signInAs }) => {
    const tokenName = `Report script ${randomUUID().slice(0, 6)}`;
    await signInAs(DEMO.member);
    await page.goto("/settings/tokens");
    await page.getByLabel("Name").fill(tokenName);
    await page.getByRole("button", { name: "Create token" }).click();
    const secretField = page.getByLabel(`Your new token “${tokenName}”`);
    await expect(secretField).toHaveValue(/^keel_/);
    await expect(page.getByText("it will not be shown again")).toBeVisible();
    const secret = await secretField.inputValue();

    const ok = await request.get("/api/v1/members?q=chen.wei", { headers: { Authorization: `Bearer ${secret}` } });
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as { data: { email: string; role: string }[]; nextCursor: string | null };
    expect(body.data).toEqual([expect.objectContaining({ email: DEMO.platformLead, role: "member" })]);

    const row = page.getByTestId("token-row").filter({ hasText: tokenName });
    const revoke = row.getByRole("button", { name: `Revoke ${tokenName}` });
    await revoke.click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke “${tokenName}”?` });
    await expect(confirm).toContainText("stops working at once");
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: `${tokenName} was revoked` })).toBeVisible();
    await expect(row).toHaveCount(0);

    const refused = await request.get("/api/v1/members", { headers: { Authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);
  });
});
