import { createKeyResult, createMember, createObjective, createOrganization, createTeam } from "../prisma/factories";
import { createCurrentCycle, e2ePrisma } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

test("an admin makes an organisation token for an integration; its check-in shows on the objective with where it came from", async ({ page, signInAs, request }) => {
  const db = e2ePrisma();
  const org = await createOrganization(db, { name: `Integrations ${Date.now()}` });
  const admin = await createMember(db, org.id, "admin", { name: "Ada Admin" });
  const owner = await createMember(db, org.id, "member", { name: "Olu Owner" });
  const team = await createTeam(db, org.id, { name: "Fulfilment" });
  const cycle = await createCurrentCycle(db, org.id);
  const objective = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: owner.id, teamId: team.id, level: "team", title: "Ship every order the day it comes in" });
  const keyResult = await createKeyResult(db, org.id, { objectiveId: objective.id, ownerId: owner.id, title: "Orders shipped same day", start: 0, target: 100, unit: "%" });

  await signInAs(admin.email);
  await page.goto("/");
  await expectSignedIn(page, org.name);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("menuitem", { name: "Organisation settings" }).click();
  await page.getByRole("link", { name: "Review the organisation’s API tokens" }).click();
  await expect(page.getByRole("heading", { name: `API tokens in ${org.name}` })).toBeVisible();
  await page.getByLabel("Name").fill("Warehouse system");
  await page.getByRole("radio", { name: /Read and check in/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByTestId("new-token-secret").getByRole("textbox").inputValue();
  await expect(page.getByTestId("token-row").filter({ hasText: "Warehouse system" })).toContainText("organisation token, made by Ada Admin");
  await expect(page.getByTestId("token-row").filter({ hasText: "Warehouse system" })).toContainText("Read and check in");

  const headers = { authorization: `Bearer ${secret}` };
  const checkIn = await request.post("/api/v1/check-ins", { headers, data: { keyResultId: keyResult.id, value: "87", confidence: "on_track", note: "Nightly figure" } });
  expect(checkIn.status()).toBe(201);
  const refused = await request.patch(`/api/v1/objectives/${objective.id}`, { headers, data: { version: 1, title: "Changed by a script" } });
  expect(refused.status()).toBe(403);

  await page.getByRole("link", { name: "Teams" }).first().click();
  await page.getByRole("treeitem", { name: "Fulfilment" }).click();
  await page.getByRole("link", { name: "Ship every order the day it comes in" }).first().click();
  const entry = page.getByTestId("timeline-entry").filter({ hasText: "Orders shipped same day" });
  await expect(entry).toContainText("Warehouse system checked in");
  await expect(entry).toContainText("via an organisation API token");
  await expect(entry).toContainText("Nightly figure");
});
