import type { Page } from "@playwright/test";
import { DEMO } from "./data";
import { expect, test } from "./fixtures";

const treeUrl = `/tree?cycle=${DEMO.activeCycleId}&level=10`;
const dataUrl = `/api/v1/cycles/${DEMO.activeCycleId}/tree`;

/** The summary line and every row drawn at the top of the fully expanded tree. */
async function drawnTree(page: Page) {
  const tree = page.getByRole("tree", { name: /Alignment of/ });
  await expect(tree.getByRole("treeitem").first()).toBeVisible();
  return {
    summary: await page.getByText(/objectives?, \d+ key results?, \d+ not aligned/).textContent(),
    rows: await tree.getByRole("treeitem").evaluateAll((items) => items.map((item) => `${item.getAttribute("aria-level")} ${item.textContent}`)),
  };
}

test("the tree built in a worker shows the same nodes as one built without workers", async ({ page, context, signInAs }) => {
  await signInAs(DEMO.member);
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  await page.goto(treeUrl);
  const withWorker = await drawnTree(page);
  expect(workers.length, "the page parsed the tree in a worker").toBeGreaterThan(0);
  expect(withWorker.rows.length).toBeGreaterThan(10);

  const plain = await context.newPage();
  await plain.addInitScript(() => {
    // A browser without workers: the page must prepare the same tree itself.
    Reflect.deleteProperty(window, "Worker");
  });
  await plain.goto(treeUrl);
  expect(await drawnTree(plain)).toEqual(withWorker);
});

test("the tree's data: compressed, private, and 304 while it has not changed", async ({ page, signInAs }) => {
  await signInAs(DEMO.viewer);
  await page.goto(`/tree?cycle=${DEMO.activeCycleId}`);
  const first = await page.request.get(dataUrl, { headers: { "accept-encoding": "br, gzip" } });
  expect(first.status()).toBe(200);
  const headers = first.headers();
  expect(headers["content-encoding"]).toBe("br");
  expect(headers["cache-control"]).toBe("private, no-cache");
  expect(headers["vary"]).toMatch(/Accept-Encoding/i);
  expect(headers["etag"]).toMatch(/^"[A-Za-z0-9_-]+-br"$/);
  expect(((await first.json()) as { cycle: { id: string } }).cycle.id).toBe(DEMO.activeCycleId);

  const again = await page.request.get(dataUrl, { headers: { "accept-encoding": "br, gzip", "if-none-match": headers["etag"]! } });
  expect(again.status()).toBe(304);
  expect((await again.body()).length).toBe(0);
});
