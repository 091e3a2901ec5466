import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { addTeamMember, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "../prisma/factories";
import { createCurrentCycle, e2ePrisma } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

let server: Server;
let base: string;

test.beforeAll(async () => {
  // A shop's statistics API on this machine: the number lives at /data/today of /stats/orders.
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/stats/orders" && req.headers["x-api-key"] === "shop-key") res.end(JSON.stringify({ data: { today: 412 } }));
    else {
      res.statusCode = req.url === "/stats/orders" ? 401 : 404;
      res.end(JSON.stringify({ error: "no" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("an admin adds a data source, an owner feeds a key result from it, tests it and sees the number recorded with its source", async ({ page, signInAs }) => {
  const db = e2ePrisma();
  const org = await createOrganization(db, { name: `Feeds ${Date.now()}` });
  const admin = await createMember(db, org.id, "owner", { name: "Dana Data" });
  const team = await createTeam(db, org.id, { name: "Shop" });
  await addTeamMember(db, org.id, team.id, admin.id, "lead");
  const cycle = await createCurrentCycle(db, org.id);
  const objective = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: admin.id, teamId: team.id, level: "team", title: "Grow the shop" });
  await createKeyResult(db, org.id, { objectiveId: objective.id, ownerId: admin.id, title: "Orders per day", start: 0, target: 1000, unit: "orders" });

  await signInAs(admin.email);
  await page.goto("/");
  await expectSignedIn(page, org.name);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("menuitem", { name: "Organisation settings" }).click();
  await page.getByRole("link", { name: /Data sources/ }).click();
  await expect(page.getByRole("heading", { name: `Data sources in ${org.name}` })).toBeVisible();
  await page.getByLabel("Name").fill("Shop stats");
  await page.getByLabel("Address (URL)").fill(base);
  await page.getByLabel("Headers (optional)").fill("X-Api-Key: shop-key");
  await page.getByRole("button", { name: "Add data source" }).click();
  await expect(page.getByTestId("data-source-row")).toContainText("Shop stats");
  await expect(page.getByTestId("data-source-row")).not.toContainText("shop-key");

  await page.getByRole("link", { name: "Teams" }).first().click();
  await page.getByRole("treeitem", { name: "Shop" }).click();
  await page.getByRole("link", { name: "Grow the shop" }).first().click();
  await page.getByRole("link", { name: "Feed from data: Orders per day" }).click();
  await expect(page.getByRole("heading", { name: "Feed “Orders per day” from data" })).toBeVisible();
  await page.getByLabel("Path (optional)").fill("stats/orders");
  await page.getByLabel("JSON pointer to the number").fill("/data/missing");
  await page.getByRole("button", { name: "Test" }).click();
  await expect(page.getByTestId("feed-test-result")).toHaveText("Would record nothing: Nothing at /data/missing in the answer");
  await page.getByLabel("JSON pointer to the number").fill("/data/today");
  await page.getByRole("button", { name: "Test" }).click();
  await expect(page.getByTestId("feed-test-result")).toHaveText("Would record 412 as this week's value.");
  await page.getByRole("button", { name: "Feed from this source" }).click();
  await expect(page.getByTestId("feed-status")).toBeVisible();
  await page.getByRole("button", { name: "Read now" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Read 412 and recorded it as this week's check-in" })).toBeVisible();
  await expect(page.getByTestId("feed-status")).toContainText("recorded 412");

  await page.getByRole("link", { name: "← Grow the shop" }).click();
  const kr = page.getByTestId("key-result").filter({ hasText: "Orders per day" });
  await expect(kr.getByTestId("kr-current")).toHaveText("412 orders");
  await expect(kr.getByTestId("kr-feed")).toHaveText("Fed from Shop stats, every day");
  // The chart marks the value the source recorded, and names it.
  await expect(kr.getByTestId("chart-sources")).toHaveText("Read by Data source: Shop stats");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Orders per day" })).toContainText("Data source: Shop stats checked in");
});
