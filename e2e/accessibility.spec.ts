import AxeBuilder from "@axe-core/playwright";
import { demoId } from "../prisma/demo";
import { DEMO } from "./data";
import { expect, expectSignedIn, test } from "./fixtures";

/**
 * Every page of the demo organisation, as the owner, a member and a viewer: no serious or critical axe violation,
 * and nothing wider than a 1280 px window. This suite is about the pages, so it reaches them by address.
 */
const WIDTH = 1280;
const closedCycleId = demoId("cycle:past");

const PAGES: { name: string; path: string }[] = [
  { name: "home", path: "/" },
  { name: "my week", path: "/my-week" },
  { name: "alignment tree", path: "/tree" },
  { name: "graph of a company objective", path: `/tree/graph/${DEMO.objectiveId("C1")}` },
  { name: "review", path: "/review" },
  { name: "teams", path: "/teams" },
  { name: "a team", path: `/teams/${DEMO.teamId("platform")}` },
  { name: "team check-ins", path: `/teams/${DEMO.teamId("platform")}/check-ins` },
  { name: "people", path: "/members" },
  { name: "cycles", path: "/cycles" },
  { name: "close page of the closed cycle", path: `/cycles/${closedCycleId}/close` },
  { name: "summary of the closed cycle", path: `/cycles/${closedCycleId}/summary` },
  { name: "close page of the active cycle", path: `/cycles/${DEMO.activeCycleId}/close` },
  { name: "planning check of the cycle in planning", path: `/cycles/${demoId("cycle:next")}/planning` },
  { name: "planning check of the active cycle", path: `/cycles/${DEMO.activeCycleId}/planning` },
  { name: "an objective", path: `/objectives/${DEMO.objectiveId("C1")}` },
  { name: "new objective", path: "/objectives/new" },
  { name: "profile settings", path: "/settings/profile" },
  { name: "organisation settings", path: "/settings/organization" },
  { name: "API tokens", path: "/settings/tokens" },
];

const PEOPLE = [
  { role: "owner", email: DEMO.owner, pages: [...PAGES, { name: "mailbox", path: "/admin/mailbox" }, { name: "webhooks", path: "/settings/organization/webhooks" }, { name: "data sources", path: "/settings/organization/data-sources" }, { name: "slack", path: "/settings/organization/slack" }] },
  { role: "member", email: DEMO.member, pages: PAGES },
  { role: "viewer", email: DEMO.viewer, pages: PAGES },
];

test.use({ viewport: { width: WIDTH, height: 800 } });
// axe reads the whole page, which on the biggest pages (tree, review) takes far longer than a click-through test.
test.describe.configure({ timeout: 180_000 });

for (const person of PEOPLE) {
  test.describe(`as the ${person.role}`, () => {
    for (const target of person.pages) {
      test(`${target.name} has no serious accessibility problems and fits a ${WIDTH} px window`, async ({ page, signInAs }) => {
        await signInAs(person.email);
        await page.goto(target.path);
        await expectSignedIn(page, DEMO.orgName);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

        const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
        const serious = violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ rule: v.id, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
        expect(serious, `axe violations on ${target.path}`).toEqual([]);

        const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
        expect(width, `page width of ${target.path}`).toBeLessThanOrEqual(WIDTH);
      });
    }
  });
}

test("the open user menu has no serious accessibility problems and Escape returns focus to its button", async ({ page, signInAs }) => {
  await signInAs(DEMO.owner);
  await page.goto("/settings/tokens");
  await expectSignedIn(page, DEMO.orgName);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  const menu = await new AxeBuilder({ page }).include("[role=menu]").analyze();
  expect(menu.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Open user menu" })).toBeFocused();
});
