// API requests only: no page, so no browser (the fixtures in ./fixtures watch a page's console).
import { expect, test } from "@playwright/test";

// Through the real server: the Node hook (lib/http/observe.ts) stamps the id that route handlers, refused methods
// and the proxy put into their problem documents.
test("every answer carries X-Request-Id, and a problem document names the same id", async ({ request }) => {
  const kept = await request.get("/api/v1/cycles", { headers: { "x-request-id": "e2e-trace-42" } });
  expect(kept.status()).toBe(401);
  expect(kept.headers()["x-request-id"]).toBe("e2e-trace-42");
  expect(await kept.json()).toMatchObject({ requestId: "e2e-trace-42" });

  const replaced = await request.get("/api/v1/cycles", { headers: { "x-request-id": "not a valid id" } });
  const fresh = replaced.headers()["x-request-id"];
  expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
  expect(await replaced.json()).toMatchObject({ requestId: fresh });

  const refused = await request.put("/api/v1/cycles", { headers: { "x-request-id": "e2e-405" } });
  expect(refused.status()).toBe(405);
  expect(await refused.json()).toMatchObject({ requestId: "e2e-405" });

  const undecodable = await request.get("/api/v1/cycles/%ZZ", { headers: { "x-request-id": "e2e-400" } });
  expect(undecodable.status()).toBe(400);
  expect(await undecodable.json()).toMatchObject({ requestId: "e2e-400" });

  const page = await request.get("/signin");
  expect(page.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("/api/health is alive; /api/metrics does not exist without KEEL_METRICS_TOKEN", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });

  const metrics = await request.get("/api/metrics", { headers: { authorization: "Bearer anything" } });
  expect(metrics.status()).toBe(404);
  expect(metrics.headers()["content-type"]).toContain("application/problem+json");
  expect((await metrics.json()).detail).toContain("KEEL_METRICS_TOKEN");
});
