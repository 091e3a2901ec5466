import { randomUUID } from "node:crypto";
import { expect, expectSignedIn, test } from "./fixtures";

/**
 * A newcomer, from the first page to a closed cycle, using only what is on screen: after the first `page.goto` every
 * page is reached through links, menus, buttons and the command menu. The account and its organisation are new, with
 * unique names, so the demo organisation of the e2e database is never touched.
 */
test("a newcomer signs up, plans, checks in, reviews and closes a cycle without typing an address", async ({ page }) => {
  test.setTimeout(180_000);
  const suffix = randomUUID().slice(0, 6);
  const orgName = `Lighthouse ${suffix}`;
  const email = `newcomer-${suffix}@example.test`;
  const product = `Product ${suffix}`;
  const platform = `Platform ${suffix}`;
  const companyTitle = `Become the easiest harbour to dock at ${suffix}`;
  const bookings = `Online bookings per week ${suffix}`;
  const satisfaction = `Captain satisfaction ${suffix}`;
  const teamTitle = `Make booking a berth take one minute ${suffix}`;
  const launch = `Launch the new booking flow ${suffix}`;
  const personalTitle = `Learn the harbour's systems ${suffix}`;
  const shadow = `Shadowed a night shift ${suffix}`;
  const now = new Date();
  const quarter = `${now.getUTCFullYear()} Q${Math.floor(now.getUTCMonth() / 3) + 1}`;

  // Signed out, the first page sends the visitor to sign in; the account is created from there.
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Your name").fill("Nia Newcomer");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("a-sturdy-password-9");
  await page.getByLabel("Organisation name").fill(orgName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expectSignedIn(page, orgName);

  // The first-run guide: nothing done yet, each step links to where it is done.
  const guide = page.getByRole("region", { name: "Getting started" });
  await expect(guide).toContainText("0 of 4 steps done");

  // A cycle for this quarter, activated.
  await guide.getByRole("link", { name: /^Go to cycles/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cycles" })).toBeVisible();
  await page.getByLabel("Quarter", { exact: true }).selectOption({ label: quarter });
  await page.getByRole("button", { name: "Create cycle" }).click();
  const cycleRow = page.getByTestId("cycle-row");
  await expect(cycleRow).toHaveCount(1);
  await cycleRow.getByRole("link", { name: /^Activate/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Planning check/ })).toBeVisible();
  await page.getByRole("button", { name: /^Activate / }).click();
  await page.getByRole("alertdialog", { name: /^Activate .*\?$/ }).getByRole("button", { name: "Activate cycle" }).click();
  await expect(cycleRow.getByRole("link", { name: "Close…" })).toBeVisible();

  // Two teams, from the header's New menu.
  await page.getByRole("button", { name: "New", exact: true }).click();
  await page.getByRole("menuitem", { name: "New team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  for (const name of [product, platform]) {
    await page.getByLabel("Team name").fill(name);
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page.getByRole("treeitem", { name, exact: true })).toBeVisible();
  }

  // Back home: the guide counts what was done.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await expect(guide).toContainText("2 of 4 steps done");
  await expect(guide.getByTestId("guide-step").filter({ hasText: "Create teams" })).toContainText("(done)");
  await expect(guide.getByTestId("guide-step").filter({ hasText: "Invite people" })).toContainText("(not done yet)");

  // The company objective with two key results, written in one form.
  await page.getByRole("link", { name: "New company objective" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New objective" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Company" })).toBeChecked();
  await page.getByLabel("Objective", { exact: true }).fill(companyTitle);
  await page.getByRole("button", { name: "Add a key result" }).click();
  const first = page.getByRole("group", { name: "Key result 1" });
  await expect(first.getByLabel("Title")).toBeFocused();
  await page.keyboard.type(bookings);
  await first.getByLabel("Target value").fill("120");
  await first.getByLabel("Unit").fill("bookings");
  await page.getByRole("button", { name: "Add a key result" }).click();
  const second = page.getByRole("group", { name: "Key result 2" });
  await second.getByLabel("Title").fill(satisfaction);
  await second.getByLabel("Measured as").selectOption({ label: "Percentage" });
  await second.getByLabel("Start value").fill("62");
  await second.getByLabel("Target value").fill("80");
  await page.getByRole("button", { name: "Create objective and 2 key results" }).click();
  await expect(page.getByRole("heading", { level: 1, name: companyTitle })).toBeVisible();
  await expect(page.getByTestId("key-result").filter({ hasText: bookings })).toBeVisible();
  await expect(page.getByTestId("key-result").filter({ hasText: satisfaction })).toBeVisible();

  // The team objective, aligned to a key result from the alignment tree.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alignment" }).click();
  // The first nodes are drawn by the server before the interactive tree takes over: a person clicks what responds.
  const alignment = page.getByRole("tree", { name: /^Alignment of/ });
  await alignment.getByRole("treeitem", { name: new RegExp(companyTitle) }).click();
  const details = page.getByRole("complementary", { name: "Selected objective" });
  await details.getByRole("link", { name: `Align a new objective here: ${bookings}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New objective" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Contributes to" })).toHaveValue(new RegExp(bookings));
  await page.getByRole("radio", { name: "Team" }).check();
  await page.getByLabel("Which team").selectOption({ label: product });
  await page.getByLabel("Objective", { exact: true }).fill(teamTitle);
  await page.getByRole("button", { name: "Add a key result" }).click();
  const milestones = page.getByRole("group", { name: "Key result 1" });
  await milestones.getByLabel("Title").fill(launch);
  await milestones.getByLabel("Measured as").selectOption({ label: "Milestones" });
  await milestones.getByLabel("Milestones, one per line").fill("Design the flow\nBuild it\nShip it");
  await page.getByRole("button", { name: "Create objective and 1 key result" }).click();
  await expect(page.getByRole("heading", { level: 1, name: teamTitle })).toBeVisible();

  // The personal objective, from home, with a yes/no key result.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await page.getByRole("link", { name: "New personal objective" }).click();
  await expect(page.getByRole("radio", { name: "Personal" })).toBeChecked();
  await page.getByLabel("Objective", { exact: true }).fill(personalTitle);
  await page.getByRole("button", { name: "Add a key result" }).click();
  const yesNo = page.getByRole("group", { name: "Key result 1" });
  await yesNo.getByLabel("Title").fill(shadow);
  await yesNo.getByLabel("Measured as").selectOption({ label: "Yes / no" });
  await page.getByRole("button", { name: "Create objective and 1 key result" }).click();
  await expect(page.getByRole("heading", { level: 1, name: personalTitle })).toBeVisible();

  // Home groups them: company, the team, and the personal one under its owner, never under a team.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("region", { name: "Company objectives" })).toContainText(companyTitle);
  await expect(page.getByRole("region", { name: product })).toContainText(teamTitle);
  await expect(page.getByRole("region", { name: "Personal · Nia Newcomer" })).toContainText(personalTitle);

  // My week through the command menu, then a check-in by keyboard.
  await page.keyboard.press("ControlOrMeta+K");
  const menu = page.getByRole("dialog", { name: "Search and commands" });
  await expect(menu).toBeVisible();
  await page.keyboard.type("my week");
  await expect(menu.getByRole("option", { name: "Open My week" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "My week" })).toBeVisible();
  const bookingsRow = page.getByRole("group", { name: bookings });
  await bookingsRow.getByLabel(`Value of ${bookings}`).focus();
  await page.keyboard.type("30");
  await page.keyboard.press("Tab");
  await expect(bookingsRow.getByRole("radio", { name: "On track" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(bookingsRow.getByLabel(`Note on ${bookings}`)).toBeFocused();
  await page.keyboard.type("Online booking opened on Monday.");
  await page.keyboard.press("Enter");
  // Toasts from the objectives just created may still be showing: the check-in's own must be among them.
  await expect(page.getByTestId("toast").filter({ hasText: /^1 check-in saved$/ })).toBeVisible();

  // Search finds the team objective by name; the graph and the review open from the tree and the menu.
  await page.getByRole("button", { name: /^Search/ }).click();
  await page.keyboard.type(`one minute ${suffix}`);
  await menu.getByRole("option", { name: new RegExp(teamTitle) }).click();
  await expect(page.getByRole("heading", { level: 1, name: teamTitle })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alignment" }).click();
  await page.getByRole("tree", { name: /^Alignment of/ }).getByRole("treeitem", { name: new RegExp(companyTitle) }).click();
  await expect(page.getByRole("tree", { name: /^Alignment of/ }).getByRole("treeitem", { name: new RegExp(teamTitle) })).toBeVisible();
  await details.getByRole("link", { name: "Show as graph" }).click();
  await expect(page).toHaveURL(/\/tree\/graph\//);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Review/ })).toBeVisible();
  await expect(page.getByText(companyTitle).first()).toBeVisible();

  // Closing the cycle, its key results unscored.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cycles" }).click();
  await cycleRow.getByRole("link", { name: "Close…" }).click();
  await page.getByLabel("Cycle summary").fill("A first quarter: bookings moved online.");
  await page.getByRole("button", { name: "Close the cycle" }).click();
  const confirmClose = page.getByRole("alertdialog", { name: /^Close .*\?$/ });
  await expect(confirmClose).toContainText("cannot be undone");
  await confirmClose.getByRole("button", { name: "Close anyway" }).click();
  await expect(page).toHaveURL(/\/cycles\/[0-9a-f-]+\/summary$/);
  await expect(page.getByTestId("cycle-summary")).toHaveText("A first quarter: bookings moved online.");
});
