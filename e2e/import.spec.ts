import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { addTeamMember, createMember, createOrganization, createTeam } from "../prisma/factories";
import { createCurrentCycle, e2ePrisma } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

test("an admin imports a spreadsheet: sees its problem, fixes the columns, imports, and finds the objective in the cycle", async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  const db = e2ePrisma();
  const suffix = randomUUID().slice(0, 6);
  const org = await createOrganization(db, { name: `Imports ${suffix}` });
  const admin = await createMember(db, org.id, "admin", { name: "Ida Import" });
  const lead = await createMember(db, org.id, "member", { name: "Lou Lead" });
  const team = await createTeam(db, org.id, { name: `Growth ${suffix}` });
  await addTeamMember(db, org.id, team.id, lead.id, "lead");
  const cycle = await createCurrentCycle(db, org.id);
  const title = `New customers succeed in week one ${suffix}`;
  // "Aim" is no name Keel knows for the target, so the first preview finds every key result without one.
  const csv = [
    "Objective,Key result,Owner email,Team,Start,Aim,Current,Unit",
    `${title},Activation rate,${lead.email},${team.name},20%,35%,24%,`,
    `${title},Days to first report,${lead.email},${team.name},14,3,10,days`,
  ].join("\n");

  await signInAs(admin.email);
  await page.goto("/");
  await expectSignedIn(page, org.name);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("menuitem", { name: "Organisation settings" }).click();
  await page.getByRole("link", { name: "Import from a spreadsheet" }).click();
  await expect(page.getByRole("heading", { name: "Import from a spreadsheet" })).toBeVisible();

  await page.getByLabel("Cycle to import into").selectOption(cycle.id);
  await page.getByLabel("Spreadsheet (.csv or .xlsx, at most 5 MB)").setInputFiles({ name: "okrs.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Upload" }).click();

  const problems = page.getByTestId("import-problems");
  await expect(problems).toContainText("Row 2, Target: Missing: a key result needs the value it aims for");
  await expect(problems).toContainText("Row 3, Target: Missing: a key result needs the value it aims for");
  const importButton = page.getByRole("button", { name: "Import 1 objective and 2 key results" });
  await expect(importButton).toBeDisabled();

  await page.getByLabel("Target", { exact: true }).selectOption({ label: "F: Aim" });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("No problems: the file can be imported.")).toBeVisible();
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByRole("rowheader", { name: title })).toBeVisible();
  await expect(preview.getByRole("row", { name: /Activation rate/ })).toContainText("20 → 35 (24) %");

  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await importButton.click();
  await expect(page.getByTestId("toast").filter({ hasText: "Imported 1 objective and 2 key results" })).toBeVisible();
  await page.getByRole("link", { name: `See the objectives of ${cycle.name}` }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("a member is not shown the import page", async ({ page, signInAs }) => {
  const db = e2ePrisma();
  const org = await createOrganization(db, { name: `No imports ${randomUUID().slice(0, 6)}` });
  const member = await createMember(db, org.id, "member");
  await createCurrentCycle(db, org.id);
  await signInAs(member.email);
  const response = await page.goto("/settings/organization/import");
  expect(response?.status()).toBe(404);
});
