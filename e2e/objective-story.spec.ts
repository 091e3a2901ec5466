import { randomUUID } from "node:crypto";
import { demoId } from "../prisma/demo";
import { createCheckIn, createKeyResult, createObjective, createTeam } from "../prisma/factories";
import { weekOf, addWeeks } from "../lib/dates/week";
import { DEMO, e2ePrisma } from "./data";
import { expect, test, userIdByEmail } from "./fixtures";

const orgId = demoId("org");

test("the objective page tells its story: a comment posted now above last week's check-in and its note", async ({ page, signInAs }) => {
  const tag = randomUUID().slice(0, 6);
  const ownerId = await userIdByEmail(DEMO.owner);
  const db = e2ePrisma();
  const objective = await createObjective(db, orgId, { cycleId: DEMO.activeCycleId, ownerId, title: `Ship the carrier portal ${tag}` });
  const kr = await createKeyResult(db, orgId, { objectiveId: objective.id, ownerId, title: `Onboard carriers ${tag}`, start: 0, target: 40, unit: "carriers" });
  const lastWeek = addWeeks(weekOf(new Date(), "UTC"), -1);
  await createCheckIn(db, orgId, { keyResultId: kr.id, authorId: ownerId, week: lastWeek, value: 12, confidence: "at_risk", note: `Two carriers stalled on contracts ${tag}`, at: new Date(Date.now() - 3 * 86_400_000) });

  await signInAs(DEMO.owner);
  await page.goto(`/objectives/${objective.id}`);
  const activity = page.getByRole("region", { name: "Activity" });
  await activity.getByLabel("Comment", { exact: true }).fill(`Legal will look at the contracts ${tag}`);
  await activity.getByRole("button", { name: "Post comment" }).click();

  const entries = activity.getByTestId("timeline-entry");
  await expect(entries.first()).toContainText(`Legal will look at the contracts ${tag}`);
  const checkIn = entries.filter({ hasText: `Two carriers stalled on contracts ${tag}` });
  await expect(checkIn).toContainText(`checked in “Onboard carriers ${tag}” at 12 carriers`);
  await expect(checkIn).toContainText("At risk");
  // Newest first: the comment, then the check-in, then the objective's creation further down.
  const texts = await entries.allTextContents();
  const commentAt = texts.findIndex((t) => t.includes(`Legal will look at the contracts ${tag}`));
  const checkInAt = texts.findIndex((t) => t.includes(`Two carriers stalled on contracts ${tag}`));
  expect(commentAt).toBeGreaterThanOrEqual(0);
  expect(checkInAt).toBeGreaterThan(commentAt);
});

test("the new key result form starts clean after a save: no leftover unit or milestones box", async ({ page, signInAs }) => {
  const tag = randomUUID().slice(0, 6);
  const ownerId = await userIdByEmail(DEMO.owner);
  const objective = await createObjective(e2ePrisma(), orgId, { cycleId: DEMO.activeCycleId, ownerId, title: `Open the Riga depot ${tag}` });
  await signInAs(DEMO.owner);
  await page.goto(`/objectives/${objective.id}`);
  await page.getByText("Add a key result").click();
  const form = page.getByRole("form", { name: "New key result" });

  await form.getByLabel("Key result", { exact: true }).fill(`Depot milestones ${tag}`);
  await form.getByLabel("Measured as").selectOption({ label: "Milestones" });
  await form.getByLabel("Milestones, one per line").fill("Lease signed\nRacks installed\nFirst truck out");
  await form.getByRole("button", { name: "Add key result" }).click();
  await expect(page.getByTestId("key-result").filter({ hasText: `Depot milestones ${tag}` })).toBeVisible();
  await expect(form.getByLabel("Measured as")).toHaveValue("number");
  await expect(form.getByLabel("Milestones, one per line")).toHaveCount(0);
  await expect(form.getByLabel("Key result", { exact: true })).toHaveValue("");

  await form.getByLabel("Key result", { exact: true }).fill(`Depot budget ${tag}`);
  await form.getByLabel("Measured as").selectOption({ label: "Money" });
  await expect(form.getByLabel("Unit")).toHaveValue("€");
  await form.getByLabel("Target value").fill("250000");
  await form.getByRole("button", { name: "Add key result" }).click();
  await expect(page.getByTestId("key-result").filter({ hasText: `Depot budget ${tag}` })).toContainText("€250,000");
  await expect(form.getByLabel("Measured as")).toHaveValue("number");
  await expect(form.getByLabel("Unit")).toHaveValue("");
  await expect(form.getByLabel("Target value")).toHaveValue("");
});

test("the review groups the key results at risk by team", async ({ page, signInAs }) => {
  const tag = randomUUID().slice(0, 6);
  const ownerId = await userIdByEmail(DEMO.owner);
  const db = e2ePrisma();
  const parent = await createTeam(db, orgId, { name: `Baltics ${tag}` });
  const riga = await createTeam(db, orgId, { name: `Riga ${tag}`, parentId: parent.id });
  const tallinn = await createTeam(db, orgId, { name: `Tallinn ${tag}`, parentId: parent.id });
  const week = weekOf(new Date(), "UTC");
  const atRisk = async (teamId: string, title: string, confidence: "at_risk" | "off_track") => {
    const objective = await createObjective(db, orgId, { cycleId: DEMO.activeCycleId, ownerId, teamId, title: `${title} goal` });
    const kr = await createKeyResult(db, orgId, { objectiveId: objective.id, ownerId, title, start: 0, target: 10 });
    await createCheckIn(db, orgId, { keyResultId: kr.id, authorId: ownerId, week, value: 1, confidence });
  };
  // Interleaved on purpose: the list is ordered by how worrying each is, the groups by team.
  await atRisk(riga.id, `Riga dock ${tag}`, "off_track");
  await atRisk(tallinn.id, `Tallinn dock ${tag}`, "off_track");
  await atRisk(riga.id, `Riga yard ${tag}`, "at_risk");

  await signInAs(DEMO.owner);
  await page.goto(`/review?cycle=${DEMO.activeCycleId}&team=${parent.id}`);
  const attention = page.getByRole("region", { name: "At risk or off track" });
  const rigaGroup = attention.getByRole("group", { name: new RegExp(`^Riga ${tag}`) });
  const tallinnGroup = attention.getByRole("group", { name: new RegExp(`^Tallinn ${tag}`) });
  await expect(rigaGroup.getByRole("heading")).toHaveText(`Riga ${tag} · 2 key results`);
  await expect(rigaGroup.getByRole("listitem")).toHaveCount(2);
  await expect(rigaGroup).toContainText(`Riga dock ${tag}`);
  await expect(rigaGroup).toContainText(`Riga yard ${tag}`);
  await expect(tallinnGroup.getByRole("heading")).toHaveText(`Tallinn ${tag} · 1 key result`);
  await expect(tallinnGroup.getByRole("listitem")).toHaveCount(1);
  await expect(attention.getByTestId("attention-team")).toHaveCount(2);
});
