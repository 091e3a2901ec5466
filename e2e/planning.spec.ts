import { randomUUID } from "node:crypto";
import { demoEmail, demoId } from "../prisma/demo";
import { createCycle, createObjective } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { e2eDb, expect, expectSignedIn, test, userIdByEmail } from "./fixtures";

test("an admin plans a quarter: team, cycle, aligned objectives with key results, and a target changed with its reason", async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  const tag = randomUUID().slice(0, 6);
  const teamName = `Logistics Lab ${tag}`;
  const cycleName = `Launch quarter ${tag}`;
  const companyTitle = `Open the Baltic market ${tag}`;
  const teamTitle = `Win the first Baltic carriers ${tag}`;
  await signInAs(DEMO.owner);

  // A team.
  await page.goto("/teams");
  await expectSignedIn(page, DEMO.orgName);
  await page.getByLabel("Team name").fill(teamName);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${teamName} created` })).toBeVisible();

  // A cycle with custom dates, then activated.
  await page.goto("/cycles");
  await page.getByLabel("Custom dates").check();
  await page.getByLabel("Name", { exact: true }).fill(cycleName);
  await page.getByLabel("Start date").fill("2027-04-01");
  await page.getByLabel("End date").fill("2027-06-30");
  await page.getByRole("button", { name: "Create cycle" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${cycleName} created, in planning` })).toBeVisible();
  const cycleRow = page.getByTestId("cycle-row").filter({ hasText: cycleName });
  // The quarter runs a day longer than first planned.
  await cycleRow.getByText("Edit").click();
  await cycleRow.getByLabel("Ends on").fill("2027-07-01");
  await cycleRow.getByRole("button", { name: "Save cycle" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Cycle saved" })).toBeVisible();
  // Activating starts on the cycle's planning check; the question comes at its end.
  await cycleRow.getByRole("link", { name: `Activate ${cycleName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Planning check: ${cycleName}` })).toBeVisible();
  await page.getByRole("button", { name: `Activate ${cycleName}` }).click();
  const activate = page.getByRole("alertdialog", { name: `Activate ${cycleName}?` });
  await expect(activate).toContainText("cannot go back to planning");
  await activate.getByRole("button", { name: "Activate cycle" }).click();
  await expect(cycleRow.getByText("active", { exact: true })).toBeVisible();
  const { rows: cycles } = await e2eDb().query<{ id: string; end: string }>("SELECT id::text, to_char(end_date, 'YYYY-MM-DD') AS end FROM cycles WHERE name = $1", [cycleName]);
  expect(cycles[0]!.end).toBe("2027-07-01");
  const cycleId = cycles[0]!.id;

  // A company objective with a key result.
  await page.goto(`/objectives/new?cycle=${cycleId}`);
  await page.getByLabel("Company").check();
  await page.getByLabel("Objective", { exact: true }).fill(companyTitle);
  await page.getByLabel("Why it matters").fill("Baltic carriers asked for us three times this year.");
  await page.getByRole("button", { name: "Create objective" }).click();
  await expect(page.getByRole("heading", { level: 1, name: companyTitle })).toBeVisible();
  await page.getByText("Add a key result").click();
  await page.getByLabel("Key result", { exact: true }).fill("Sign 12 Baltic carriers");
  await page.getByLabel("Target value").fill("12");
  await page.getByLabel("Unit").fill("carriers");
  await page.getByRole("button", { name: "Add key result" }).click();
  await expect(page.getByTestId("key-result").filter({ hasText: "Sign 12 Baltic carriers" })).toBeVisible();
  const companyUrl = page.url();

  // A team objective aligned to the company objective's key result, found with the searchable picker.
  await page.goto(`/objectives/new?cycle=${cycleId}`);
  await page.getByLabel("Team", { exact: true }).check();
  await page.getByLabel("Which team").selectOption({ label: teamName });
  await page.getByLabel("Objective", { exact: true }).fill(teamTitle);
  await page.getByRole("combobox", { name: "Contributes to" }).fill("Baltic carriers");
  await page.getByRole("option", { name: /Sign 12 Baltic carriers/ }).click();
  await page.getByRole("button", { name: "Create objective" }).click();
  await expect(page.getByRole("heading", { level: 1, name: teamTitle })).toBeVisible();
  await expect(page.getByTestId("why-chain")).toContainText(companyTitle);
  await expect(page.getByTestId("why-chain")).toContainText("through the key result “Sign 12 Baltic carriers”");
  await page.getByText("Add a key result").click();
  await page.getByLabel("Key result", { exact: true }).fill("Run 20 carrier demos");
  await page.getByLabel("Target value").fill("20");
  await page.getByRole("button", { name: "Add key result" }).click();
  const demos = page.getByTestId("key-result").filter({ hasText: "Run 20 carrier demos" });
  await expect(demos).toBeVisible();

  // The cycle is active, so a new target needs a reason; the history keeps old, new, who and why.
  await demos.getByText("Edit key result").click();
  await demos.getByLabel("Target value").fill("25");
  await demos.getByRole("button", { name: "Save key result" }).click();
  await expect(demos.locator("[id$=-reason-error]")).toHaveText(/say why the target changes/);
  await demos.getByLabel("Reason for the change").fill("Two partners offered intros to their carriers");
  await demos.getByRole("button", { name: "Save key result" }).click();
  await expect(demos.getByTestId("kr-target")).toHaveText("25");
  const entry = page.getByTestId("history-entry").filter({ hasText: "changed the target of “Run 20 carrier demos”" });
  await expect(entry).toContainText("Alex Rivera");
  await expect(entry).toContainText("Target: 20 → 25");
  await expect(entry).toContainText("Why: Two partners offered intros to their carriers");

  // Seen from above: the company objective lists the team objective beneath it, across teams.
  await page.goto(companyUrl);
  await expect(page.getByRole("region", { name: /Aligned beneath/ })).toContainText(teamTitle);
  await expect(page.getByRole("region", { name: /Aligned beneath/ })).toContainText(`through “Sign 12 Baltic carriers”`);
});

test("a viewer reads objectives but finds no way to change them", async ({ page, signInAs }) => {
  await signInAs(DEMO.viewer);
  await page.goto(`/objectives/${DEMO.objectiveId("T1")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Make every API call fast" })).toBeVisible();
  await expect(page.getByTestId("why-chain")).toContainText("Run a platform our customers trust with their operations");
  await expect(page.getByText("Edit key result")).toHaveCount(0);
  await expect(page.getByText("Add a key result")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Change this objective" })).toHaveCount(0);
  await expect(page.getByLabel("Comment", { exact: true })).toHaveCount(0);
});

test("the second of two people saving the same objective is told, and the first one's words stay", async ({ page, signInAs }) => {
  const ownerId = await userIdByEmail(DEMO.owner);
  const objective = await createObjective(e2ePrisma(), demoId("org"), { cycleId: DEMO.activeCycleId, ownerId, title: `Shared draft ${randomUUID().slice(0, 6)}`, whyItMatters: "As first written." });
  await signInAs(DEMO.owner);
  await page.goto(`/objectives/${objective.id}`);
  await page.getByText("Edit details").click();
  await page.getByRole("textbox", { name: "Why it matters" }).fill("My rewrite.");

  // Someone else saves the same objective while this form is open.
  await e2eDb().query("UPDATE objectives SET why_it_matters = 'Their rewrite.', version = version + 1 WHERE id = $1", [objective.id]);

  await page.getByRole("button", { name: "Save objective" }).click();
  await expect(page.getByText("Someone else changed this objective since you opened it. Reload to see their changes, then try again.")).toBeVisible();
  const { rows } = await e2eDb().query<{ why: string }>("SELECT why_it_matters AS why FROM objectives WHERE id = $1", [objective.id]);
  expect(rows).toEqual([{ why: "Their rewrite." }]);
});

test("an admin opens a cycle's planning check from the cycles page, sees what is missing, and activates it as it is", async ({ page, signInAs }) => {
  const tag = randomUUID().slice(0, 6);
  const cycleName = `Checked quarter ${tag}`;
  const unmeasured = `Be known for fast refunds ${tag}`;
  const ownerId = await userIdByEmail(DEMO.owner);
  // Far in the future, so no other spec's idea of the current cycle changes.
  const cycle = await createCycle(e2ePrisma(), demoId("org"), { name: cycleName, state: "planning", startDate: new Date(Date.UTC(2031, 0, 1)), endDate: new Date(Date.UTC(2031, 2, 31)) });
  await createObjective(e2ePrisma(), demoId("org"), { cycleId: cycle.id, ownerId, level: "company", title: unmeasured, whyItMatters: "Refunds are the first thing unhappy customers judge us by." });

  await signInAs(demoEmail(1));
  await page.goto("/");
  await expectSignedIn(page, DEMO.orgName);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cycles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cycles" })).toBeVisible();
  const cycleRow = page.getByTestId("cycle-row").filter({ hasText: cycleName });
  await cycleRow.getByRole("link", { name: `Planning check of ${cycleName}` }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Planning check: ${cycleName}` })).toBeVisible();
  const summaryRow = page.getByTestId("planning-summary-row").filter({ hasText: "Objectives with no key result" });
  await expect(summaryRow.getByTestId("planning-count")).toHaveText("1");
  await expect(page.getByTestId("planning-summary-row").filter({ hasText: "Key results with no owner" }).getByTestId("planning-count")).toHaveText("None");
  await summaryRow.getByRole("link", { name: "Objectives with no key result" }).click();
  await expect(page.getByRole("region", { name: /^Objectives with no key result/ }).getByRole("link", { name: unmeasured })).toBeVisible();

  // Nothing is fixed: the cycle is activated as it is, after the question repeats that things are missing.
  await page.getByRole("button", { name: `Activate ${cycleName}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Activate ${cycleName}?` });
  await expect(dialog).toContainText("still lists");
  await dialog.getByRole("button", { name: "Activate cycle" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${cycleName} is active` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Cycles" })).toBeVisible();
  await expect(cycleRow.getByText("active", { exact: true })).toBeVisible();
  const { rows } = await e2eDb().query<{ state: string }>("SELECT state::text FROM cycles WHERE id = $1", [cycle.id]);
  expect(rows).toEqual([{ state: "active" }]);
});
