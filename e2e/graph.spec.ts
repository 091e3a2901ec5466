import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { createCycle, createKeyResult, createMember, createObjective, createOrganization } from "../prisma/factories";
import { DEMO, e2ePrisma } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

test.use({ viewport: { width: 1400, height: 900 } });

const COMPANY = "Become the default choice for mid-size logistics teams";

/** The smallest text on the cards as it is drawn: computed font size times the zoom of React Flow's viewport. */
async function smallestRenderedText(page: Page): Promise<{ smallest: number; zoom: number; texts: number }> {
  return page.evaluate(() => {
    const viewport = document.querySelector(".react-flow__viewport")!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    let smallest = Infinity;
    let texts = 0;
    for (const el of document.querySelectorAll(".react-flow__node *")) {
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
      texts++;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * zoom);
    }
    return { smallest, zoom, texts };
  });
}

/** The title is all there: the whole text, inside its card, not clipped by it. */
async function expectFullTitle(card: Locator, title: string) {
  const link = card.getByRole("link", { name: title, exact: true });
  await expect(link).toHaveText(title);
  const [outer, inner] = [await card.boundingBox(), await link.boundingBox()];
  expect(inner!.y + inner!.height).toBeLessThanOrEqual(outer!.y + outer!.height);
  expect(inner!.x + inner!.width).toBeLessThanOrEqual(outer!.x + outer!.width + 0.5);
  expect(await link.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1)).toBe(true);
}

const card = (page: Page, title: string | RegExp) => page.getByTestId("alignment-graph").getByRole("group", { name: typeof title === "string" ? new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.`) : title });

test("the graph of a company objective: full titles, key-result nodes, readable text, levels, keyboard and presentation", async ({ page, signInAs }) => {
  // Many steps across three page loads.
  test.slow();
  await signInAs(DEMO.member);
  await page.goto(`/tree?cycle=${DEMO.activeCycleId}`);
  await expectSignedIn(page, DEMO.orgName);
  await page.getByRole("tree", { name: /Alignment of/ }).getByRole("treeitem", { name: new RegExp(COMPANY) }).click();
  await page.getByTestId("tree-details").getByRole("link", { name: "Show as graph" }).click();
  await expect(page).toHaveURL(new RegExp(`/tree/graph/${DEMO.objectiveId("C1")}`));

  const graph = page.getByTestId("alignment-graph");
  await expect(graph).toHaveAttribute("data-fitted", "true");
  await expectFullTitle(card(page, COMPANY), COMPANY);
  await expectFullTitle(card(page, "Win the mid-market in Northern Europe"), "Win the mid-market in Northern Europe");
  await expect(card(page, "Win the mid-market in Northern Europe")).toContainText("Go-to-Market");

  // Aligned through a key result: the objective hangs under that key result's node, which hangs under the company one.
  const throughKr = card(page, /^Key result: Raise net revenue retention from 104% to 115%/);
  const aligned = card(page, "Keep and grow the customers we already have");
  await expect(throughKr).toContainText("Key result");
  const [top, middle, bottom] = [await card(page, COMPANY).boundingBox(), await throughKr.boundingBox(), await aligned.boundingBox()];
  expect(top!.y + top!.height).toBeLessThan(middle!.y);
  expect(middle!.y + middle!.height).toBeLessThan(bottom!.y);

  const text = await smallestRenderedText(page);
  expect(text.texts).toBeGreaterThan(10);
  expect(text.smallest).toBeGreaterThanOrEqual(12);

  // A deeper level, kept in the address: the abandoned objective shows, struck through and without a confidence chip.
  await page.getByLabel("Expand to level").selectOption("2");
  await expect.poll(() => new URL(page.url()).searchParams.get("level")).toBe("2");
  const abandoned = card(page, "Launch a partner referral programme");
  await expect(abandoned).toContainText("Abandoned");
  await expect(abandoned).not.toContainText(/On track|At risk|Off track/);
  await expect(abandoned.getByRole("link", { name: "Launch a partner referral programme" })).toHaveCSS("text-decoration-line", "line-through");
  await page.reload();
  await expect(page.getByLabel("Expand to level")).toHaveValue("2");
  await expect(card(page, "Launch a partner referral programme")).toBeVisible();
  await expect(graph).toHaveAttribute("data-fitted", "true");
  expect((await smallestRenderedText(page)).smallest).toBeGreaterThanOrEqual(12);

  // Presentation mode hides the app's header and the page's controls; Escape brings them back.
  await page.getByRole("button", { name: "Presentation mode" }).click();
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: "Presentation mode" })).toBeHidden();
  await expect(card(page, COMPANY)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("button", { name: "Presentation mode" })).toBeVisible();

  // Keyboard: down into the first key result, down to what hangs under it, up again, Tab onwards, Enter opens.
  await card(page, COMPANY).focus();
  await page.keyboard.press("ArrowDown");
  await expect(card(page, /^Key result: Grow annual recurring revenue/)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const data = card(page, "Turn our shipment data into features customers pay for");
  await expect(data).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(card(page, /^Key result: Grow annual recurring revenue/)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(data).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/objectives/${DEMO.objectiveId("PE3")}`));
});

test("a subtree of 30 objectives opens collapsed to a level that fits, with text still at 12 px or more", async ({ page, signInAs }) => {
  // Thirty rows to arrange before the page loads.
  test.slow();
  const db = e2ePrisma();
  const org = await createOrganization(db);
  const owner = await createMember(db, org.id, "owner");
  const cycle = await createCycle(db, org.id);
  const suffix = randomUUID().slice(0, 6);
  const long = (i: number) => `Objective ${i} (${suffix}) with a title long enough to need a second and maybe a third line on its card`;
  const root = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: owner.id, title: long(0) });
  let count = 1;
  for (let a = 0; a < 3; a++) {
    const kr = await createKeyResult(db, org.id, { objectiveId: root.id, title: `Key result ${a} of the root (${suffix})` });
    const child = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: owner.id, title: long(count++), parentKeyResultId: kr.id });
    for (let b = 0; b < 3 && count < 30; b++) {
      const grandchild = await createObjective(db, org.id, { cycleId: cycle.id, ownerId: owner.id, title: long(count++), parentObjectiveId: child.id });
      for (let c = 0; c < 2 && count < 30; c++) await createObjective(db, org.id, { cycleId: cycle.id, ownerId: owner.id, title: long(count++), parentObjectiveId: grandchild.id });
    }
  }
  expect(count).toBe(30);

  await signInAs(owner.email);
  await page.goto(`/tree/graph/${root.id}`);
  const graph = page.getByTestId("alignment-graph");
  await expect(graph).toHaveAttribute("data-fitted", "true");
  await expectFullTitle(card(page, long(0)), long(0));
  const text = await smallestRenderedText(page);
  expect(text.smallest).toBeGreaterThanOrEqual(12);
  // Collapsed rather than shrunk: some cards offer what is beneath them instead of drawing it.
  await expect(graph.getByRole("button", { name: /^Show \d+ aligned beneath$/ }).first()).toBeVisible();
  expect(Number(await page.getByLabel("Expand to level").inputValue())).toBeLessThan(3);

  // A card's own toggle opens its branch without changing the level.
  await graph.getByRole("button", { name: /^Show \d+ aligned beneath$/ }).first().click();
  await expect(graph.getByRole("button", { name: "Hide what is aligned beneath" }).nth(1)).toBeVisible();
  expect(new URL(page.url()).searchParams.get("level")).toBeNull();
});
