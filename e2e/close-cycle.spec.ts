import { randomUUID } from "node:crypto";
import { createCycle, createKeyResult, createObjective } from "../prisma/factories";
import { demoId } from "../prisma/demo";
import { DEMO, e2ePrisma } from "./data";
import { e2eDb, expect, expectSignedIn, test, userIdByEmail } from "./fixtures";

const DAY = 24 * 60 * 60 * 1000;

/** A cycle of the demo organisation made for one test, so closing it never touches the demo's own active cycle. */
async function cycleToClose() {
  const db = e2ePrisma();
  const suffix = randomUUID().slice(0, 6);
  const orgId = demoId("org");
  const ownerId = await userIdByEmail(DEMO.owner);
  // Ten days before its planned end, so closing it now is early.
  const today = new Date(new Date().toISOString().slice(0, 10));
  const cycle = await createCycle(db, orgId, { name: `Closing test ${suffix}`, state: "active", startDate: new Date(today.getTime() - 60 * DAY), endDate: new Date(today.getTime() + 10 * DAY) });
  const objective = await createObjective(db, orgId, { cycleId: cycle.id, ownerId, teamId: DEMO.teamId("platform"), title: `Harden the platform ${suffix}` });
  const latency = await createKeyResult(db, orgId, { objectiveId: objective.id, title: `Cut p95 latency ${suffix}`, direction: "decrease", start: 480, target: 250, current: 296, unit: "ms", position: 0 });
  const audit = await createKeyResult(db, orgId, { objectiveId: objective.id, title: `Pass the audit ${suffix}`, type: "yes_no", current: 1, position: 1 });
  return { cycle, objective, latency, audit };
}

test("the owner scores key results and writes a retrospective with the keyboard, closes the cycle and sees its summary", async ({ page, signInAs }) => {
  const { cycle, objective, latency, audit } = await cycleToClose();
  await signInAs(DEMO.owner);
  await page.goto("/cycles");
  await expectSignedIn(page, DEMO.orgName);
  await page.getByTestId("cycle-row").filter({ hasText: cycle.name }).getByRole("link", { name: "Close…" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Close ${cycle.name}` })).toBeVisible();
  await expect(page.getByTestId("unscored-count")).toContainText("2 of 2 key results still unscored");
  // (480 - 296) / (480 - 250) = 80 % progress: the score is prefilled with 0.8; the audit passed: 1.0.
  const latencyScore = page.getByLabel(`Score for ${latency.title}`);
  await expect(latencyScore).toHaveValue("0.8");
  await expect(page.getByLabel(`Score for ${audit.title}`)).toHaveValue("1.0");

  await latencyScore.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("0.75");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(`Score for ${audit.title}`)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("What went well")).toBeFocused();
  await page.keyboard.type("Caching the tenant lookups halved p95.");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Load tests belong in CI, not in the last week.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: `Save scores and retrospective of ${objective.title}` })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByTestId("toast").filter({ hasText: "Saved 2 scores and the retrospective" })).toBeVisible();
  await expect(page.getByTestId("unscored-count")).toContainText("All 2 key results are scored.");
  await expect(latencyScore).toHaveValue("0.75");

  await page.getByLabel("Cycle summary").fill("Latency work paid off; the audit passed first time.");
  await page.getByRole("button", { name: "Close the cycle" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Close ${cycle.name}?` });
  await expect(confirm).toContainText("This cannot be undone");
  await expect(confirm.getByTestId("close-warning-days")).toContainText("It still has 10 days left");
  await expect(confirm.getByTestId("close-warning-unscored")).toHaveCount(0);
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Close the cycle" }).click();

  await expect(page).toHaveURL(new RegExp(`/cycles/${cycle.id}/summary$`));
  await expect(page.getByRole("heading", { level: 1, name: `${cycle.name}: summary` })).toBeVisible();
  // The objective's score is the mean of 0.75 and 1.0 (equal weights).
  await expect(page.getByTestId("average-score")).toHaveText("0.88");
  await expect(page.getByTestId("cycle-summary")).toHaveText("Latency work paid off; the audit passed first time.");
  await expect(page.getByTestId("band-high")).toContainText("2");
  const retro = page.getByTestId("retrospective").filter({ hasText: objective.title });
  await expect(retro).toContainText("score 0.88");
  await expect(retro).toContainText("Caching the tenant lookups halved p95.");
  await expect(retro).toContainText("Load tests belong in CI, not in the last week.");

  const { rows } = await e2eDb().query<{ state: string; score: string }>(
    "SELECT c.state::text AS state, k.score::text AS score FROM cycles c JOIN key_results k ON k.cycle_id = c.id WHERE c.id = $1 ORDER BY k.position",
    [cycle.id],
  );
  expect(rows).toEqual([
    { state: "closed", score: "0.75" },
    { state: "closed", score: "1.00" },
  ]);

  await page.getByRole("link", { name: objective.title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: objective.title })).toBeVisible();
  await expect(page.getByText("cycle closed, read-only")).toBeVisible();
  for (const control of ["Edit key result", "Add a key result", "Edit details", "Change alignment", "Abandon"]) {
    await expect(page.getByText(control, { exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole("button", { name: /Move (up|down)/ })).toHaveCount(0);
});

test("closing with unscored key results warns with their count, and cancelling leaves the cycle open", async ({ page, signInAs }) => {
  const { cycle } = await cycleToClose();
  await signInAs(DEMO.owner);
  await page.goto(`/cycles/${cycle.id}/close`);
  await expect(page.getByTestId("unscored-count")).toContainText("2 of 2 key results still unscored");

  const closeButton = page.getByRole("button", { name: "Close the cycle" });
  await closeButton.click();
  const confirm = page.getByRole("alertdialog", { name: `Close ${cycle.name}?` });
  await expect(confirm.getByTestId("close-warning-unscored")).toHaveText("2 key results have no score. They stay unscored for good.");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(closeButton).toBeFocused();
  const { rows: open } = await e2eDb().query<{ state: string }>("SELECT state::text AS state FROM cycles WHERE id = $1", [cycle.id]);
  expect(open).toEqual([{ state: "active" }]);

  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Close anyway" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${cycle.name}: summary` })).toBeVisible();
  await expect(page.getByText("0 of 2 key results scored.")).toBeVisible();
});
