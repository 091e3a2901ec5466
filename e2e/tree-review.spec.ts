import { DEMO } from "./data";
import { e2eDb, expect, expectSignedIn, test } from "./fixtures";

test("the alignment tree: filter to a team, expand, open a why chain, and the graph", async ({ page, signInAs }) => {
  await signInAs(DEMO.member);
  await page.goto(`/tree?cycle=${DEMO.activeCycleId}`);
  await expectSignedIn(page, DEMO.orgName);
  const tree = page.getByRole("tree", { name: /Alignment of/ });
  await expect(tree.getByRole("treeitem", { name: /Become the default choice for mid-size logistics teams/ })).toBeVisible();
  await expect(page.getByText(/not aligned/)).toBeVisible();

  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Product & Engineering › Platform" });
  await expect(page.getByText(/objectives? match/)).toBeVisible();
  await expect(tree.getByRole("treeitem", { name: /Quieter on-call for platform engineers/ })).toBeVisible();
  await expect(tree.getByRole("treeitem", { name: /Win the mid-market in Northern Europe/ })).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get("team")).toBe(DEMO.teamId("platform"));

  await page.getByRole("button", { name: "Expand all" }).click();
  await expect(tree.getByRole("treeitem", { name: /Reduce pages per on-call week from 35 to 10/ })).toBeVisible();
  // The expansion is part of the address too, so the link opens the same view.
  await expect.poll(() => new URL(page.url()).searchParams.get("level")).toBe("10");

  // Keyboard: move to the objective and select it with Enter.
  const onCall = tree.getByRole("treeitem", { name: /Quieter on-call for platform engineers/ });
  await onCall.click();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const details = page.getByTestId("tree-details");
  await expect(details.getByRole("heading", { name: "Quieter on-call for platform engineers" })).toBeVisible();
  const chain = details.getByTestId("tree-why-chain");
  await expect(chain).toContainText("Run a platform our customers trust with their operations");
  await expect(chain).toContainText("Make the platform fast and dependable at three times today's load");
  await expect(chain).toContainText("through “Reduce severity 1-2 incidents from 9 to 3 per quarter”");

  // Up the chain to the company objective, then its graph.
  await chain.getByRole("button", { name: "Run a platform our customers trust with their operations" }).click();
  await details.getByRole("link", { name: "Show as graph" }).click();
  const graph = page.getByTestId("alignment-graph");
  await expect(page.getByRole("application", { name: /graph of 5 objectives/ })).toBeVisible();
  await expect(graph.getByRole("group", { name: /^Make the platform fast and dependable at three times today's load\./ })).toBeVisible();
  await page.getByRole("button", { name: "Zoom in" }).click();
});

test("the tree explains filters in the address it cannot use", async ({ page, signInAs }) => {
  await signInAs(DEMO.viewer);
  await page.goto(`/tree?cycle=${DEMO.activeCycleId}&team=0195d3a0-0000-7000-8000-000000000000&state=sleeping&selected=0195d3a0-0000-7000-8000-0000000000aa`);
  await expect(page.getByRole("status").filter({ hasText: "Some filters in the address were ignored" })).toContainText("No team with that id");
  await expect(page.getByRole("status").filter({ hasText: "Some filters" })).toContainText("state must be one of");
  await expect(page.getByRole("tree")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "The objective selected in the address is not in this cycle's tree" })).toBeVisible();
});

test("the review: changes since a past date, targets changed with reasons, and exports", async ({ page, signInAs }) => {
  await signInAs(DEMO.owner);
  const { rows } = await e2eDb().query<{ start: string }>("SELECT start_date::text AS start FROM cycles WHERE id = $1", [DEMO.activeCycleId]);
  const since = new Date(`${rows[0]!.start}T00:00:00Z`);
  since.setUTCDate(since.getUTCDate() + 14);
  const sinceText = since.toISOString().slice(0, 10);

  await page.goto(`/review?cycle=${DEMO.activeCycleId}&since=${sinceText}`);
  await expect(page.getByRole("heading", { level: 1, name: /Review/ })).toBeVisible();
  await expect(page.getByTestId("team-rollup")).toContainText("Product & Engineering");
  await expect(page.getByTestId("team-rollup")).toContainText("Platform");
  await expect(page.getByTestId("key-result-movers").getByRole("listitem").first()).toBeVisible();
  await expect(page.getByTestId("objective-movers").getByRole("listitem").first()).toBeVisible();
  const targets = page.getByTestId("target-changes");
  await expect(targets).toContainText("Create €2.5M of pipeline from outbound");
  await expect(targets).toContainText("€3,000,000");
  await expect(targets).toContainText("Why: Two SDR hires moved to next quarter");
  await expect(page.getByTestId("objectives-abandoned")).toContainText("Launch a partner referral programme");
  await expect(page.getByTestId("objectives-abandoned")).toContainText("Why: Partners asked for an integration first");

  // A later date: the target change is older than that, so it is not listed.
  await page.getByLabel("Changes since").fill(new Date().toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("target-changes")).not.toContainText("Create €2.5M of pipeline from outbound");

  // A date outside the cycle is explained, not an error page.
  await page.goto(`/review?cycle=${DEMO.activeCycleId}&since=2001-01-01`);
  await expect(page.getByRole("status").filter({ hasText: "outside this cycle" })).toBeVisible();

  const csv = await page.request.get(`/review/export?cycle=${DEMO.activeCycleId}&since=${sinceText}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toMatch(/^team,objective,key result,owner/);
  expect(text).toContain("Reduce p95 latency of the shipments API from 480 ms to 250 ms");
});
