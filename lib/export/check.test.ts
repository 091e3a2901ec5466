import { describe, expect, it } from "vitest";
import { depths, loopingIds } from "./check";
import { orderedIds } from "./ids";

const parents = (map: Record<string, string | null>) => (id: string) => map[id] ?? null;

describe("loopingIds", () => {
  it("finds the teams that are beneath themselves, and only those", () => {
    const tree = { a: null, b: "a", c: "b", x: "y", y: "z", z: "x", w: "x" };
    expect(loopingIds(Object.keys(tree), parents(tree)).sort()).toEqual(["x", "y", "z"]);
  });

  it("finds a team that is its own parent", () => {
    expect(loopingIds(["a"], parents({ a: "a" }))).toEqual(["a"]);
  });

  it("ends on a parent that is not in the file (reported elsewhere)", () => {
    expect(loopingIds(["a"], parents({ a: "missing" }))).toEqual([]);
  });
});

describe("depths", () => {
  it("puts roots at 0 and every child one below its parent, whatever the order", () => {
    const tree = { c: "b", b: "a", a: null, d: "a" };
    expect(Object.fromEntries(depths(Object.keys(tree), parents(tree)))).toEqual({ a: 0, b: 1, c: 2, d: 1 });
  });
});

describe("orderedIds", () => {
  it("gives uuid v7 ids that sort in the order they were made", () => {
    const next = orderedIds(Date.UTC(2026, 11, 4));
    const ids = Array.from({ length: 5000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 10)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
