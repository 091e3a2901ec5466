import { randomUUID } from "node:crypto";
import { weekOf, addWeeks } from "../lib/dates/week";
import { demoId } from "../prisma/demo";
import { addTeamMember, createCheckIn, createKeyResult, createMember, createObjective, createTeam } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { expect, test, userIdByEmail } from "./fixtures";

const LATENCY = "Reduce p95 latency of the shipments API from 480 ms to 250 ms";

test("a member does the whole weekly check-in with the keyboard and sees progress and the chart move", async ({ page, signInAs }) => {
  const db = e2ePrisma();
  const orgId = demoId("org");
  const ben = await userIdByEmail(DEMO.member);
  // Ben owns one key result in the demo; give him a second, on a personal objective of his own.
  const suffix = randomUUID().slice(0, 6);
  const objective = await createObjective(db, orgId, { cycleId: DEMO.activeCycleId, ownerId: ben, level: "personal", teamId: DEMO.teamId("platform"), title: `Grow as an on-call lead ${suffix}` });
  const demos = `Run 4 incident drills ${suffix}`;
  await createKeyResult(db, orgId, { objectiveId: objective.id, ownerId: ben, title: demos, start: 0, target: 4, unit: "drills" });

  await signInAs(DEMO.member);
  await page.goto("/my-week");
  await expect(page.getByRole("heading", { name: "My week" })).toBeVisible();
  const drillsRow = page.getByRole("group", { name: demos });
  const latencyRow = page.getByRole("group", { name: LATENCY });
  await expect(latencyRow.getByText("Due this week")).toBeVisible();
  const latencyBar = latencyRow.getByRole("progressbar", { name: `Progress of ${LATENCY}` });
  const progressBefore = Number(await latencyBar.getAttribute("aria-valuenow"));

  // Keyboard only from the first field: value, confidence, note, then the next row, then Enter.
  await drillsRow.getByLabel(`Value of ${demos}`).focus();
  await page.keyboard.type("1");
  await expect(drillsRow.getByTestId("progress-preview")).toHaveText("Progress: 0% → 25%");
  await page.keyboard.press("Tab");
  await expect(drillsRow.getByRole("radio", { name: "On track" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(drillsRow.getByLabel(`Note on ${demos}`)).toBeFocused();
  await page.keyboard.type("First drill done: paging works.");
  // The next objective's title links to its page, then its first key result's value.
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAttribute("href", /^\/objectives\//);
  await page.keyboard.press("Tab");
  await expect(latencyRow.getByLabel(`Value of ${LATENCY}`)).toBeFocused();
  await page.keyboard.type("300");
  await expect(latencyRow.getByTestId("progress-preview")).toHaveText(new RegExp(`→ 78%$`));
  await page.keyboard.press("Tab");
  // Arrow keys move the choice inside the radio group (it starts at last week's confidence).
  const onTrack = latencyRow.getByRole("radio", { name: "On track" });
  for (let i = 0; i < 3 && !(await onTrack.isChecked()); i++) await page.keyboard.press("ArrowDown");
  await expect(onTrack).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.type("Caching layer shipped; p95 down to 300 ms.");
  await page.keyboard.press("Enter");

  await expect(page.getByTestId("toast").filter({ hasText: /^2 check-ins saved$/ })).toBeVisible();
  // The bar under the form confirms the save rather than asking for rows again.
  await expect(page.getByText(/^Saved 2 check-ins · \d+ of \d+ done this week$/)).toBeVisible();
  await expect(drillsRow.getByTestId("done-this-week")).toHaveText("Done this week");
  await expect(latencyRow.getByTestId("done-this-week")).toHaveText("Done this week");
  await expect(latencyRow.getByTestId("current-value")).toHaveText("300 ms");
  await expect(latencyBar).toHaveAttribute("aria-valuenow", "78");
  expect(progressBefore).toBeLessThan(78);
  await expect(latencyRow.getByText("“Caching layer shipped; p95 down to 300 ms.”")).toBeVisible();
  // The fields are empty again, ready for next week; nothing was reloaded.
  await expect(latencyRow.getByLabel(`Value of ${LATENCY}`)).toHaveValue("");

  // The chart moved: a seventh point, this week's 300 ms, on track.
  const chart = latencyRow.getByTestId("key-result-chart");
  await expect(chart.getByRole("img")).toHaveAccessibleName(/7 check-ins from 480 ms at the start to 300 ms in the week of/);
  await expect(chart.getByRole("row").last()).toContainText("300 ms");
  await expect(chart.getByRole("row").last()).toContainText("On track");
  await expect(drillsRow.getByTestId("key-result-chart").getByRole("img")).toHaveAccessibleName(/1 check-in from 0 drills at the start to 1 drills/);

  // The database holds one check-in per key result for the week, each with its first version.
  const rows = await db.checkIn.findMany({ where: { keyResult: { ownerId: ben }, week: weekOf(new Date(), "Europe/Stockholm") }, include: { versions: true } });
  expect(rows).toHaveLength(2);
  expect(rows.every((r) => r.versions.length === 1)).toBe(true);
});

test("a lead sees who has checked in and who is overdue, nudges, and the mail is in the dev mailbox", async ({ page, signInAs }) => {
  const db = e2ePrisma();
  const orgId = demoId("org");
  const suffix = randomUUID().slice(0, 6);
  const team = await createTeam(db, orgId, { name: `Harbour crew ${suffix}` });
  const lead = await createMember(db, orgId, "member", { name: `Lee Lead ${suffix}` });
  const ready = await createMember(db, orgId, "member", { name: `Ada Ready ${suffix}` });
  const late = await createMember(db, orgId, "member", { name: `Zed Late ${suffix}` });
  await addTeamMember(db, orgId, team.id, lead.id, "lead");
  await addTeamMember(db, orgId, team.id, ready.id);
  await addTeamMember(db, orgId, team.id, late.id);
  const objective = await createObjective(db, orgId, { cycleId: DEMO.activeCycleId, ownerId: lead.id, teamId: team.id, title: `Dock turnaround ${suffix}` });
  const readyKr = await createKeyResult(db, orgId, { objectiveId: objective.id, ownerId: ready.id, title: `Cut dock turnaround to 30 minutes ${suffix}`, direction: "decrease", start: 60, target: 30, unit: "min" });
  await createKeyResult(db, orgId, { objectiveId: objective.id, ownerId: late.id, title: `Load 95% of trucks on time ${suffix}`, type: "percent", start: 80, target: 95, unit: "%" });
  const thisWeek = weekOf(new Date(), "UTC");
  await createCheckIn(db, orgId, { keyResultId: readyKr.id, authorId: ready.id, week: addWeeks(thisWeek, -1), value: 50, confidence: "at_risk", note: "New schedule starts Monday" });
  await createCheckIn(db, orgId, { keyResultId: readyKr.id, authorId: ready.id, week: thisWeek, value: 42, confidence: "on_track", note: "Schedule works" });

  await signInAs(lead.email);
  await page.goto(`/teams/${team.id}/check-ins`);
  await expect(page.getByRole("heading", { name: `${team.name}: check-ins` })).toBeVisible();
  await expect(page.getByTestId("check-in-summary")).toContainText("1 of 2");
  const readyRow = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: ready.name }) });
  const lateRow = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: late.name }) });
  await expect(readyRow.getByText("Checked in", { exact: true })).toBeVisible();
  await expect(readyRow.getByText("“Schedule works”")).toBeVisible();
  await expect(readyRow.getByText("was At risk")).toBeVisible();
  await expect(readyRow.getByText("(was 50 min)")).toBeVisible();
  await expect(lateRow.getByText(/^(Overdue|Due today)$/)).toBeVisible();
  await expect(page.getByTestId("progress-trend-chart").getByRole("img")).toHaveAccessibleName(new RegExp(`${team.name} progress by week`));

  // Last week: nobody owed anything more than Ada's check-in, and Zed never checked in.
  await page.getByRole("link", { name: /← Week of/ }).click();
  await expect(lateRow.getByText("Overdue", { exact: true })).toBeVisible();
  await expect(readyRow.getByText("Checked in", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: /Week of .* →/ }).click();

  await lateRow.getByRole("button", { name: `Nudge ${late.name}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Nudged ${late.name}` })).toBeVisible();
  await expect(lateRow.getByText(`Nudged by ${lead.name}`)).toBeVisible();
  await expect(lateRow.getByRole("button", { name: `Nudge ${late.name}` })).toHaveCount(0);

  await signInAs(DEMO.owner);
  await page.goto("/admin/mailbox");
  const mail = page.getByTestId("mail").filter({ hasText: late.email });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText(`${lead.name} asks for your ${team.name} check-in`);
  await mail.getByText(`${lead.name} asks for your ${team.name} check-in`).click();
  await expect(mail.getByText(`Load 95% of trucks on time ${suffix}`)).toBeVisible();
});

test("people who may not read the mailbox do not find it", async ({ page, signInAs }) => {
  await signInAs(DEMO.member);
  const response = await page.goto("/admin/mailbox");
  expect(response?.status()).toBe(404);
});
