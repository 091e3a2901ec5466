import { randomUUID } from "node:crypto";
import { createCycle, createMember, createObjective, createOrganization } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

test("a member sees their organisation's objectives and not another organisation's", async ({ page, signInAs }) => {
  const db = e2ePrisma();
  const other = await createOrganization(db, { name: `Rival ${randomUUID().slice(0, 6)}` });
  const rivalOwner = await createMember(db, other.id, "owner");
  const rivalCycle = await createCycle(db, other.id, { name: "Rival quarter" });
  const secret = `Rival secret plan ${randomUUID().slice(0, 6)}`;
  await createObjective(db, other.id, { cycleId: rivalCycle.id, ownerId: rivalOwner.id, title: secret });

  await signInAs(DEMO.member);
  await page.goto("/");
  await expectSignedIn(page, DEMO.orgName);
  await expect(page.getByRole("link", { name: "Become the default choice for mid-size logistics teams" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Organisation progress" })).toBeVisible();
  expect(await page.getByTestId("objective-row").count()).toBeGreaterThanOrEqual(28);
  await expect(page.getByText(secret)).toHaveCount(0);

  // Another organisation's cycle named in the URL is not found, not shown.
  const response = await page.goto(`/?cycle=${rivalCycle.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText("Rival quarter")).toHaveCount(0);
});
