import { randomUUID } from "node:crypto";
import { demoId } from "../prisma/demo";
import { addTeamMember, createKeyResult, createMember, createObjective, createTeam } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { expect, test, userIdByEmail } from "./fixtures";

const orgId = demoId("org");

test("an off-track check-in shows its blast radius up to the company objective, and the other team sees it on theirs", async ({ page, signInAs }) => {
  const tag = randomUUID().slice(0, 6);
  const db = e2ePrisma();
  const platformOwner = await createMember(db, orgId, "member", { name: `Pia Platform ${tag}` });
  const salesOwner = await createMember(db, orgId, "member", { name: `Sam Sales ${tag}` });
  const platform = await createTeam(db, orgId, { name: `Carrier API ${tag}` });
  const sales = await createTeam(db, orgId, { name: `Carrier deals ${tag}` });
  await addTeamMember(db, orgId, platform.id, platformOwner.id, "lead");
  await addTeamMember(db, orgId, sales.id, salesOwner.id, "lead");
  const company = await createObjective(db, orgId, { cycleId: DEMO.activeCycleId, ownerId: await userIdByEmail(DEMO.owner), title: `Win the carriers ${tag}` });
  const api = await createObjective(db, orgId, { cycleId: DEMO.activeCycleId, ownerId: platformOwner.id, teamId: platform.id, title: `A carrier API that holds ${tag}` });
  await createKeyResult(db, orgId, { objectiveId: api.id, ownerId: platformOwner.id, title: `Keep the API up ${tag}`, start: 0, target: 100, unit: "%" });
  const deals = await createObjective(db, orgId, { cycleId: DEMO.activeCycleId, ownerId: salesOwner.id, teamId: sales.id, title: `Close the carrier deals ${tag}`, parentObjectiveId: company.id });
  await createKeyResult(db, orgId, { objectiveId: deals.id, ownerId: salesOwner.id, title: `Close 5 carriers ${tag}`, target: 5 });

  // Sales says its key result depends on the Platform one, from its own objective page.
  await signInAs(salesOwner.email);
  await page.goto("/");
  await page.getByRole("link", { name: "Teams", exact: true }).first().click();
  await page.getByRole("treeitem", { name: `Carrier deals ${tag}` }).click();
  await page.getByRole("link", { name: `Close the carrier deals ${tag}` }).click();
  const salesKr = page.getByTestId("key-result").filter({ hasText: `Close 5 carriers ${tag}` });
  await salesKr.getByText("Add a dependency").click();
  const form = salesKr.getByRole("form", { name: `New dependency for Close 5 carriers ${tag}` });
  await form.getByRole("combobox", { name: "Depends on the key result" }).fill(`Keep the API up ${tag}`);
  await page.getByRole("option", { name: new RegExp(`Keep the API up ${tag}`) }).click();
  await form.getByRole("button", { name: "Add dependency" }).click();
  await expect(salesKr.getByTestId("depends-on")).toContainText(`Keep the API up ${tag}`);
  await expect(salesKr.getByTestId("depends-on")).toContainText("No check-in yet");

  // Platform checks in off track on My week.
  await page.context().clearCookies();
  await signInAs(platformOwner.email);
  await page.goto("/");
  await page.getByRole("link", { name: "My week", exact: true }).first().click();
  const row = page.getByRole("group", { name: `Keep the API up ${tag}` });
  await row.getByLabel(`Value of Keep the API up ${tag}`).fill("60");
  await row.getByRole("radio", { name: "Off track" }).check();
  await row.getByLabel(`Note on Keep the API up ${tag}`).fill("Failover drill failed twice");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /check-in saved$/ })).toBeVisible();

  await page.getByRole("link", { name: "Teams", exact: true }).first().click();
  await page.getByRole("treeitem", { name: `Carrier API ${tag}` }).click();
  await page.getByRole("link", { name: `A carrier API that holds ${tag}` }).click();
  const apiKr = page.getByTestId("key-result").filter({ hasText: `Keep the API up ${tag}` });
  const blast = apiKr.getByTestId("blast-radius");
  await expect(blast).toContainText("1 key result in 1 team and 2 objectives above them rely on it");
  await blast.getByText(`What depends on “Keep the API up ${tag}”`).click();
  await expect(blast.getByRole("link", { name: `Close 5 carriers ${tag}` })).toBeVisible();
  await expect(blast.getByRole("link", { name: `Win the carriers ${tag}` })).toBeVisible();
  await expect(apiKr.getByTestId("depended-on-by")).toContainText(`Close 5 carriers ${tag}`);

  // Sales sees the other side's confidence on its own page.
  await blast.getByRole("link", { name: `Close 5 carriers ${tag}` }).click();
  await expect(page.getByTestId("key-result").filter({ hasText: `Close 5 carriers ${tag}` }).getByTestId("depends-on")).toContainText("Off track");
});
