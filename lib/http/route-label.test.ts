import { describe, expect, it } from "vitest";
import { OTHER_ROUTE, pathLabel, RouteLabels } from "./route-label";

describe("route labels", () => {
  it("replace ids, numbers and tokens with :id and drop the query", () => {
    expect(pathLabel("/api/v1/objectives/0192f1c4-7b1a-7c3e-9a4b-2c1d0e9f8a7b/key-results?limit=5")).toBe("/api/v1/objectives/:id/key-results");
    expect(pathLabel("/api/v1/cycles/42")).toBe("/api/v1/cycles/:id");
    expect(pathLabel("/invite/Zk3_9QmPx2LwRt8YvB1nA")).toBe("/invite/:id");
    expect(pathLabel("/")).toBe("/");
    expect(pathLabel("/_next/static/chunks/app-1234.js")).toBe("/_next/static/*");
    expect(pathLabel("/a%20b/%ZZ")).toBe("/:id/:id");
    expect(pathLabel(`/api/${"x".repeat(200)}`)).toBe("/api/:id");
    expect(pathLabel("/a/b/c/d/e/f/g/h")).toBe("/a/b/c/d/e/f/*");
  });

  it("stay bounded whatever a client sends", () => {
    const labels = new RouteLabels(5);
    expect(labels.label("/api/v1/objectives/1", 401)).toBe(OTHER_ROUTE);
    expect(labels.label("/api/v1/objectives/1", 200)).toBe("/api/v1/objectives/:id");
    expect(labels.label("/api/v1/objectives/1", 401)).toBe("/api/v1/objectives/:id");
    // A known pattern keeps its label on a 404 (an id that does not exist)...
    expect(labels.label("/api/v1/objectives/2", 404)).toBe("/api/v1/objectives/:id");
    // ...an invented address does not get one.
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const word = `made-up-${String.fromCharCode(97 + (i % 26))}${i % 7}`;
      // Not found, redirected to sign-in, refused as undecodable: none of these says the address exists.
      for (const status of [404, 307, 400, 401]) seen.add(labels.label(`/${word}/word`, status));
    }
    expect([...seen]).toEqual([OTHER_ROUTE]);
    for (let i = 0; i < 1000; i++) seen.add(labels.label(`/page${String.fromCharCode(97 + (i % 26))}`, 200));
    expect(seen.size).toBeLessThanOrEqual(6);
    expect(seen.has(OTHER_ROUTE)).toBe(true);
  });
});
