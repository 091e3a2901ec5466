import { randomUUID } from "node:crypto";
import { DEMO } from "./data";
import { e2eDb, expect, expectSignedIn, test, userIdByEmail } from "./fixtures";

test("the owner creates a team under Product & Engineering, adds a member with the picker and makes them lead", async ({ page, signInAs }) => {
  const name = `Payments ${randomUUID().slice(0, 6)}`;
  await signInAs(DEMO.owner);
  await page.goto("/teams");
  await expectSignedIn(page, DEMO.orgName);
  await expect(page.getByRole("treeitem", { name: "Product & Engineering" })).toBeVisible();

  await page.getByLabel("Team name").fill(name);
  await page.getByLabel("Parent team").selectOption({ label: "Product & Engineering" });
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${name} created` })).toBeVisible();
  const created = page.getByRole("group", { name: "Product & Engineering" }).getByRole("treeitem", { name });
  await expect(created).toHaveAttribute("aria-level", "2");

  await created.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Product & Engineering");
  await expect(page.getByText("Nobody is in this team yet.")).toBeVisible();

  await page.getByRole("combobox", { name: "Person" }).fill("Sofia");
  await page.getByRole("option", { name: /Sofia Rossi/ }).click();
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Sofia Rossi added to ${name}` })).toBeVisible();
  const row = page.getByTestId("team-member").filter({ hasText: "Sofia Rossi" });
  await expect(row.getByText("Member", { exact: true })).toBeVisible();

  await row.getByRole("button", { name: "Make lead: Sofia Rossi" }).click();
  await expect(row.getByText("Lead", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Make member: Sofia Rossi" })).toBeVisible();

  const { rows } = await e2eDb().query<{ parent: string; role: string; user_id: string }>(
    `SELECT p.name AS parent, tm.role::text AS role, tm.user_id::text AS user_id
       FROM teams t JOIN teams p ON p.id = t.parent_id JOIN team_memberships tm ON tm.team_id = t.id
      WHERE t.name = $1`,
    [name],
  );
  expect(rows).toEqual([{ parent: "Product & Engineering", role: "lead", user_id: await userIdByEmail("sofia.rossi@northwind.example") }]);

  await page.getByRole("link", { name: "Teams", exact: true }).first().click();
  await expect(page.getByRole("treeitem", { name })).toHaveAccessibleDescription("1 member · Lead: Sofia Rossi");
});

test("the team tree works from the keyboard", async ({ page, signInAs }) => {
  await signInAs(DEMO.viewer);
  await page.goto("/teams");
  const gtm = page.getByRole("treeitem", { name: "Go-to-Market" });
  await expect(page.getByRole("treeitem", { name: "Sales", exact: true })).toBeVisible();
  await gtm.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(gtm).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("treeitem", { name: "Sales", exact: true })).toHaveCount(0);
  await page.keyboard.press("ArrowRight");
  await expect(gtm).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("treeitem", { name: "Customer Success", exact: true })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("treeitem", { name: "Marketing", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Marketing" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Go-to-Market" })).toBeVisible();
});

test("a member sees the teams and their people but no controls to change them", async ({ page, signInAs }) => {
  await signInAs(DEMO.member);
  await page.goto("/teams");
  await expect(page.getByRole("treeitem", { name: "Platform", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "New team" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create team" })).toHaveCount(0);

  await page.goto(`/teams/${DEMO.teamId("platform")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Platform" })).toBeVisible();
  await expect(page.getByTestId("team-member").filter({ hasText: "Chen Wei" }).getByText("Lead", { exact: true })).toBeVisible();
  await expect(page.getByTestId("team-objective").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Check-ins" })).toHaveAttribute("href", `/teams/${DEMO.teamId("platform")}/check-ins`);
  for (const control of ["Add member", "Rename", "Move", "Archive team"]) {
    await expect(page.getByRole("button", { name: control, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole("button", { name: /^Make .* a (lead|member)$/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Manage team" })).toHaveCount(0);
});

test("a lead reorders the team's objectives from the keyboard", async ({ page, signInAs }) => {
  await signInAs(DEMO.platformLead);
  await page.goto(`/teams/${DEMO.teamId("platform")}`);
  const titles = () => page.getByTestId("team-objective").evaluateAll((rows) => rows.map((row) => row.querySelector("a[href^='/objectives/']")?.textContent?.trim() ?? ""));
  const movable = page.getByRole("button", { name: /^Move down “/ }).first();
  const label = (await movable.getAttribute("aria-label"))!;
  const title = label.slice("Move down “".length, -1);
  const before = await titles();
  const next = before[before.indexOf(title) + 1]!;

  await movable.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("toast").filter({ hasText: `Moved “${title}” down` })).toBeVisible();
  await expect.poll(async () => (await titles()).indexOf(title) > (await titles()).indexOf(next)).toBe(true);
  // The focus stays with the objective just moved, so the keyboard can take it further or back.
  await expect(page.getByRole("button", { name: new RegExp(`^Move (down|up) “${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”$`) }).first()).toBeFocused();

  await page.getByRole("button", { name: `Move up “${title}”` }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await titles()).indexOf(title) < (await titles()).indexOf(next)).toBe(true);
  await page.reload();
  expect((await titles()).indexOf(title)).toBeLessThan((await titles()).indexOf(next));
});
