import { describe, expect, it } from "vitest";
import { layoutTree } from "./layout";

const box = (id: string, parentId: string | null, height = 40) => ({ id, parentId, width: 100, height });

describe("layoutTree", () => {
  it("puts leaves side by side and centres parents over their children", () => {
    const { nodes, width, height } = layoutTree([box("root", null), box("a", "root"), box("b", "root"), box("a1", "a"), box("a2", "a")], { gapX: 20, gapY: 50 });
    expect(nodes.get("a1")).toMatchObject({ x: 0, y: 180 });
    expect(nodes.get("a2")).toMatchObject({ x: 120, y: 180 });
    expect(nodes.get("b")).toMatchObject({ x: 240, y: 90 });
    expect(nodes.get("a")!.x).toBe(60);
    expect(nodes.get("root")!.x).toBe(150);
    expect(width).toBe(340);
    expect(height).toBe(220);
  });

  it("gives each row the height of its tallest box", () => {
    const { nodes } = layoutTree([box("root", null, 120), box("a", "root", 40), box("b", "root", 80), box("c", "a", 40)], { gapY: 10 });
    expect(nodes.get("a")!.y).toBe(130);
    expect(nodes.get("c")!.y).toBe(220);
  });

  it("never overlaps boxes on a row, and survives loops and deep chains", () => {
    const chain = Array.from({ length: 5000 }, (_, i) => box(`n${i}`, i ? `n${i - 1}` : null));
    expect(layoutTree(chain).nodes.size).toBe(5000);
    const looped = layoutTree([box("a", "b"), box("b", "a"), box("r", null)]);
    expect(looped.nodes.has("r")).toBe(true);
    const wide = layoutTree([box("r", null), ...Array.from({ length: 10 }, (_, i) => box(`c${i}`, "r"))]);
    const xs = [...wide.nodes.values()].filter((n) => n.depth === 1).map((n) => n.x).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(100);
  });
});
