import { randomUUID } from "node:crypto";
import { createMember, createOrganization } from "../prisma/factories";
import { createCurrentCycle, DEMO, e2ePrisma } from "./data";
import { e2eDb, expect, expectSignedIn, test } from "./fixtures";

test("the quality coach suggests an outcome while a key result is written as a task, and does not stop the save", async ({ page, signInAs }) => {
  const tag = randomUUID().slice(0, 6);
  const title = `Make the first week delightful ${tag}`;
  await signInAs(DEMO.owner);
  await page.goto("/objectives/new");
  await expectSignedIn(page, DEMO.orgName);
  await expect(page.getByRole("heading", { level: 1, name: "New objective" })).toBeVisible();

  // Once there is a title, the coach asks why it matters, and goes quiet when it is written.
  await page.getByLabel("Objective", { exact: true }).fill(title);
  const whyCoach = page.locator("#objective-why-coach");
  await expect(whyCoach).toHaveText(/Coach: Say in a sentence why this matters/);
  await page.getByLabel("Why it matters").fill("New customers who stall in week one rarely come back.");
  await expect(whyCoach).toHaveText("");

  await page.getByRole("button", { name: "Add a key result" }).click();
  const row = page.getByRole("group", { name: "Key result 1" });
  await row.getByLabel("Title").fill("Launch the new onboarding");
  const rowCoach = row.getByRole("status");
  await expect(rowCoach).toContainText("Coach: Name the change the work should cause, with a number");
  await expect(rowCoach).toContainText("Coach: Add a unit");

  // A yes/no key result needs no unit, but a task it remains.
  await row.getByLabel("Measured as").selectOption({ label: "Yes / no" });
  await expect(rowCoach).not.toContainText("Add a unit");
  await expect(rowCoach).toContainText("Name the change the work should cause");

  await page.getByRole("button", { name: "Create objective and 1 key result" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("key-result").filter({ hasText: "Launch the new onboarding" })).toBeVisible();
});

test("an admin switches a coach rule off for the organisation, and its suggestion no longer appears", async ({ page, signInAs }) => {
  // An organisation of its own: the demo's settings stay as every other spec expects them.
  const db = e2ePrisma();
  const org = await createOrganization(db, { name: `Coached ${randomUUID().slice(0, 6)}` });
  const admin = await createMember(db, org.id, "admin", { name: "Ada Admin" });
  await createCurrentCycle(db, org.id);
  await signInAs(admin.email);

  await page.goto("/settings/organization");
  await expectSignedIn(page, org.name);
  const coach = page.getByRole("region", { name: "Quality coach" });
  const rule = coach.getByRole("checkbox", { name: /^Outcome, not output/ });
  await expect(rule).toBeChecked();
  await rule.uncheck();
  await coach.getByRole("button", { name: "Save quality coach" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Quality coach saved" })).toBeVisible();
  await expect(rule).not.toBeChecked();
  const { rows } = await e2eDb().query<{ disabled: string[] }>("SELECT disabled_quality_rules AS disabled FROM organizations WHERE id = $1", [org.id]);
  expect(rows[0]!.disabled).toEqual(["output_key_result"]);

  await page.goto("/objectives/new");
  await page.getByLabel("Objective", { exact: true }).fill("Make the first week delightful");
  await page.getByRole("button", { name: "Add a key result" }).click();
  const row = page.getByRole("group", { name: "Key result 1" });
  await row.getByLabel("Title").fill("Launch the new onboarding");
  // The rules still on keep speaking; the one switched off is silent.
  await expect(row.getByRole("status")).toContainText("Coach: Add a unit");
  await expect(row.getByRole("status")).not.toContainText("Name the change the work should cause");
});
