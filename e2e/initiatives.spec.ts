import { randomUUID } from "node:crypto";
import { demoId } from "../prisma/demo";
import { addTeamMember, createKeyResult, createObjective, createTeam } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { expect, test, userIdByEmail } from "./fixtures";

const orgId = demoId("org");

test("a team lead plans the work under a key result, and the key result that counts it moves as the work gets done", async ({ page, signInAs }) => {
  const tag = randomUUID().slice(0, 6);
  const db = e2ePrisma();
  const leadId = await userIdByEmail(DEMO.platformLead);
  const team = await createTeam(db, orgId, { name: `Depot tooling ${tag}` });
  await addTeamMember(db, orgId, team.id, leadId, "lead");
  const objective = await createObjective(db, orgId, { cycleId: DEMO.activeCycleId, ownerId: leadId, teamId: team.id, title: `Open the Riga depot ${tag}` });
  await createKeyResult(db, orgId, { objectiveId: objective.id, ownerId: leadId, type: "initiatives", target: 0, title: `Depot launch work done ${tag}` });

  await signInAs(DEMO.platformLead);
  await page.goto("/");
  await page.getByRole("link", { name: "Teams", exact: true }).first().click();
  await page.getByRole("treeitem", { name: `Depot tooling ${tag}` }).click();
  await page.getByRole("link", { name: `Open the Riga depot ${tag}` }).click();

  const kr = page.getByTestId("key-result").filter({ hasText: `Depot launch work done ${tag}` });
  await expect(kr.getByTestId("initiative-tally")).toHaveText("· No initiatives");
  await kr.getByText("Add an initiative").click();
  const form = kr.getByRole("form", { name: `New initiative for Depot launch work done ${tag}` });
  await form.getByLabel("Initiative", { exact: true }).fill(`Sign the lease ${tag}`);
  await form.getByLabel("Due date (optional)").fill("2026-01-15");
  await form.getByLabel("Link to the tracker (optional)").fill("https://tracker.example.com/DEP-1");
  await form.getByRole("button", { name: "Add initiative" }).click();
  await expect(page.getByText(`Initiative “Sign the lease ${tag}” added`)).toBeVisible();
  await expect(kr.getByTestId("initiative")).toHaveCount(1);
  await expect(form.getByLabel("Initiative", { exact: true })).toHaveValue("");

  await form.getByLabel("Initiative", { exact: true }).fill(`Install the racks ${tag}`);
  await form.getByRole("button", { name: "Add initiative" }).click();
  await expect(kr.getByTestId("initiative")).toHaveCount(2);
  // The lease was due last January and is still open: overdue, and said so on the key result.
  await expect(kr.getByTestId("initiative-tally")).toHaveText("· 2 initiatives, 1 overdue");
  await expect(kr.getByRole("link", { name: /Sign the lease/ })).toHaveAttribute("href", "https://tracker.example.com/DEP-1");
  await expect(kr.getByRole("progressbar", { name: `Progress of Depot launch work done ${tag}` })).toHaveAttribute("aria-valuenow", "0");

  const lease = kr.getByTestId("initiative").filter({ hasText: `Sign the lease ${tag}` });
  await lease.getByLabel(`Status of Sign the lease ${tag}`, { exact: true }).selectOption({ label: "Done" });
  await lease.getByRole("button", { name: `Set status of Sign the lease ${tag}` }).click();
  await expect(page.getByText(`“Sign the lease ${tag}” is done`)).toBeVisible();
  await expect(lease.getByTestId("initiative-status")).toHaveText("Done");
  await expect(kr.getByTestId("kr-current")).toHaveText("1 of 2 initiatives done");
  await expect(kr.getByRole("progressbar", { name: `Progress of Depot launch work done ${tag}` })).toHaveAttribute("aria-valuenow", "50");
  await expect(page.getByRole("progressbar", { name: `Progress of Open the Riga depot ${tag}` })).toHaveAttribute("aria-valuenow", "50");
  await expect(kr.getByTestId("initiative-tally")).toHaveText("· 2 initiatives");

  // The history says what happened, and the team page counts the work.
  await expect(page.getByRole("region", { name: "Activity" })).toContainText(`updated the initiative “Sign the lease ${tag}”`);
  await page.getByRole("link", { name: `Depot tooling ${tag}` }).first().click();
  await expect(page.getByTestId("team-initiatives")).toHaveText("2 initiatives · 1 done under these objectives");
});
