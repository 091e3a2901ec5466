import { randomUUID } from "node:crypto";
import { addMember, createOrganization, createUser } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { E2E_BASE_URL } from "./env";
import { e2eDb, expect, expectSignedIn, test, userIdByEmail } from "./fixtures";

test("a member makes a read-only token that expires, sees it listed, cannot write with it and revokes it", async ({ page, signInAs, request }) => {
  const name = `Dashboard ${randomUUID().slice(0, 6)}`;
  await signInAs(DEMO.member);
  await page.goto("/settings/tokens");
  await expectSignedIn(page, DEMO.orgName);

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires after").selectOption({ label: "30 days" });
  await page.getByRole("radio", { name: "Read only" }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByTestId("new-token-secret").getByRole("textbox").inputValue();
  expect(secret).toMatch(/^keel_/);

  const row = page.getByRole("list", { name: "Your tokens" }).getByTestId("token-row").filter({ hasText: name });
  await expect(row.getByText("Read only")).toBeVisible();
  await expect(row).toContainText(/expires \w+/);
  await expect(row).toContainText("never used");

  const read = await request.get(`${E2E_BASE_URL}/api/v1/teams`, { headers: { authorization: `Bearer ${secret}` } });
  expect(read.status()).toBe(200);
  const write = await request.post(`${E2E_BASE_URL}/api/v1/teams`, { headers: { authorization: `Bearer ${secret}` }, data: { name: `Nope ${randomUUID().slice(0, 6)}` } });
  expect(write.status()).toBe(403);
  expect(write.headers()["content-type"]).toContain("application/problem+json");

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("alertdialog", { name: `Revoke “${name}”?` }).getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${name} was revoked` })).toBeVisible();
  await expect(row).toHaveCount(0);
  // The secret of a revoked token is no use to anyone: its box goes with it.
  await expect(page.getByTestId("new-token-secret")).toHaveCount(0);
  expect((await request.get(`${E2E_BASE_URL}/api/v1/teams`, { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);
});

test("the owner reviews the organisation's tokens from organisation settings and revokes a member's", async ({ page, signInAs }) => {
  const memberId = await userIdByEmail(DEMO.member);
  const orgId = (await e2ePrisma().membership.findFirstOrThrow({ where: { userId: memberId }, select: { organizationId: true } })).organizationId;
  const tokenName = `Nightly sync ${randomUUID().slice(0, 6)}`;
  const token = await e2ePrisma().apiToken.create({
    data: { organizationId: orgId, userId: memberId, name: tokenName, tokenHash: randomUUID().replace(/-/g, "").padEnd(64, "0"), prefix: "keel_e2e", scope: "write" },
  });

  await signInAs(DEMO.owner);
  await page.goto("/settings/organization");
  await page.getByRole("link", { name: "Review the organisation’s API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `API tokens in ${DEMO.orgName}` })).toBeVisible();
  const row = page.getByRole("list", { name: "Organisation tokens" }).getByTestId("token-row").filter({ hasText: tokenName });
  await expect(row).toContainText("Ben Carter");
  await expect(row.getByText("Read and write")).toBeVisible();

  await row.getByRole("button", { name: `Revoke ${tokenName} of Ben Carter` }).click();
  await page.getByRole("alertdialog", { name: `Revoke “${tokenName}”?` }).getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${tokenName} was revoked` })).toBeVisible();
  await expect(row).toHaveCount(0);
  const { rows } = await e2eDb().query<{ revoked: boolean; audits: string }>(
    `SELECT t.revoked_at IS NOT NULL AS revoked,
            (SELECT count(*) FROM audit_events a WHERE a.entity_id = t.id AND a.action = 'api_token.revoked')::text AS audits
       FROM api_tokens t WHERE t.id = $1`,
    [token.id],
  );
  expect(rows[0]).toEqual({ revoked: true, audits: "1" });
});

test("a member cannot open the organisation's token page", async ({ page, signInAs }) => {
  await signInAs(DEMO.member);
  await page.goto("/settings/organization");
  await expectSignedIn(page, DEMO.orgName);
  await expect(page.getByRole("link", { name: "Review the organisation’s API tokens" })).toHaveCount(0);
  const response = await page.goto("/settings/organization/tokens");
  expect(response?.status()).toBe(404);
});

test("a form opened in one organisation is refused after switching to another in a second tab", async ({ page, context, signInAs }) => {
  // Two tabs, two page loads and two submissions: more work than one page's test.
  test.slow();
  // A person of their own, so switching them cannot disturb tests running beside this one.
  const demoOrgId = (await e2ePrisma().membership.findFirstOrThrow({ where: { userId: await userIdByEmail(DEMO.owner) }, select: { organizationId: true } })).organizationId;
  const second = await createOrganization(e2ePrisma(), { name: `Second ${randomUUID().slice(0, 6)}` });
  const person = await createUser(e2ePrisma(), { lastOrganizationId: demoOrgId });
  await addMember(e2ePrisma(), demoOrgId, person.id, "admin");
  await addMember(e2ePrisma(), second.id, person.id, "admin");
  await signInAs(person.email);
  await page.goto("/teams");
  await expectSignedIn(page, DEMO.orgName);

  // The second tab switches the person's organisation.
  const other = await context.newPage();
  await e2ePrisma().user.update({ where: { id: person.id }, data: { lastOrganizationId: second.id } });
  await other.goto("/teams");
  await expectSignedIn(other, second.name);

  const name = `Tab team ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Team name").fill(name);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByText(/You switched organisation in another tab; reload/).first()).toBeVisible();
  expect(await e2ePrisma().team.count({ where: { name } })).toBe(0);

  // After a reload the page shows the organisation the person is in, and the form saves there.
  await page.reload();
  await expectSignedIn(page, second.name);
  await page.getByLabel("Team name").fill(name);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${name} created` })).toBeVisible();
  expect(await e2ePrisma().team.findMany({ where: { name }, select: { organizationId: true } })).toEqual([{ organizationId: second.id }]);
});
