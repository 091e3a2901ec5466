import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraphTree, chooseLevel, estimateNodeSize, fitToScreen, layoutVisible, MIN_READABLE_ZOOM, visibleGraph, type GraphData, type GraphObjective } from "./graph-model";
import { layoutTree, type LayoutInput, type Placed } from "./layout";

const box = (id: string, parentId: string | null, height = 40, width = 100): LayoutInput => ({ id, parentId, width, height });

const overlaps = (a: Placed, b: Placed) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectNoOverlaps(placed: Placed[]) {
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      if (overlaps(placed[i]!, placed[j]!)) expect.fail(`${placed[i]!.id} overlaps ${placed[j]!.id}`);
    }
  }
}

/** Random trees: node i > 0 hangs under some node before it, with its own width and height. */
const trees = fc
  .array(fc.record({ parent: fc.nat(), width: fc.integer({ min: 20, max: 400 }), height: fc.integer({ min: 20, max: 300 }) }), { minLength: 1, maxLength: 60 })
  .map((specs) => specs.map((s, i) => box(`n${i}`, i === 0 ? null : `n${s.parent % i}`, s.height, s.width)));

describe("layoutTree", () => {
  it("centres a parent over its children and gives each row the height of its tallest box", () => {
    const { nodes, width, height, order } = layoutTree([box("root", null, 120), box("a", "root"), box("b", "root", 80), box("a1", "a"), box("a2", "a")], { gapX: 20, gapY: 50 });
    expect(nodes.get("a1")!.x + 100 + 20).toBe(nodes.get("a2")!.x);
    expect(nodes.get("a")!.x).toBe((nodes.get("a1")!.x + nodes.get("a2")!.x) / 2);
    expect(nodes.get("root")!.x + 50).toBe((nodes.get("a")!.x + nodes.get("b")!.x + 100) / 2);
    expect(nodes.get("a")!.y).toBe(170);
    expect(nodes.get("a1")!.y).toBe(170 + 80 + 50);
    expect(Math.min(...[...nodes.values()].map((n) => n.x))).toBe(0);
    expect(width).toBe(Math.max(...[...nodes.values()].map((n) => n.x + n.width)));
    expect(height).toBe(300 + 40);
    expect(order).toEqual(["root", "a", "a1", "a2", "b"]);
  });

  it("never overlaps two boxes and always puts a parent above its children, for any tree", () => {
    fc.assert(
      fc.property(trees, (input) => {
        const { nodes, width, height } = layoutTree(input);
        expect(nodes.size).toBe(input.length);
        const placed = [...nodes.values()];
        expectNoOverlaps(placed);
        for (const n of input) {
          const me = nodes.get(n.id)!;
          expect(me.x).toBeGreaterThanOrEqual(0);
          expect(me.x + me.width).toBeLessThanOrEqual(width + 1e-6);
          expect(me.y + me.height).toBeLessThanOrEqual(height);
          if (!n.parentId) continue;
          const parent = nodes.get(n.parentId)!;
          expect(parent.y + parent.height).toBeLessThan(me.y);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("lays out a forest, loops and deep chains without failing", () => {
    const chain = Array.from({ length: 3000 }, (_, i) => box(`n${i}`, i ? `n${i - 1}` : null));
    const deep = layoutTree(chain);
    expect(deep.nodes.size).toBe(3000);
    expect(deep.nodes.get("n2999")!.y).toBeGreaterThan(deep.nodes.get("n2998")!.y);

    const looped = layoutTree([box("a", "b"), box("b", "a"), box("r", null), box("self", "self"), box("lost", "nowhere")]);
    expect([...looped.nodes.keys()].sort()).toEqual(["a", "b", "lost", "r", "self"]);
    expectNoOverlaps([...looped.nodes.values()]);
  });
});

const objective = (id: string, parentId: string | null, viaKeyResultId: string | null = null, title = `Objective ${id}`): GraphObjective => ({
  id,
  title,
  owner: "Ada",
  team: null,
  level: "team",
  state: "active",
  progress: 50,
  confidence: null,
  parentId,
  viaKeyResultId,
});

// root ── kr1 ── a ── a1
//      └─ b (directly)
const data: GraphData = {
  rootId: "root",
  cycleId: "c",
  objectives: [objective("root", null), objective("a", "root", "kr1"), objective("b", "root"), objective("a1", "a")],
  keyResults: [{ id: "kr1", objectiveId: "root", title: "Grow revenue", progress: 40 }],
};

function layoutAtLevel(level: number, overrides?: Map<string, boolean>) {
  const tree = buildGraphTree(data);
  const visible = visibleGraph(tree, level, overrides);
  return { tree, visible, layout: layoutVisible(tree, visible) };
}

describe("the graph's tree model", () => {
  it("hangs an objective aligned to a key result under that key result's node, between it and its objective", () => {
    const { tree, layout } = layoutAtLevel(10);
    expect(tree.nodes.get("a")!.parentId).toBe("kr-kr1");
    expect(tree.nodes.get("kr-kr1")!.parentId).toBe("root");
    expect(tree.nodes.get("b")!.parentId).toBe("root");
    const y = (id: string) => layout.nodes.get(id)!.y;
    expect(y("root")).toBeLessThan(y("kr-kr1"));
    expect(y("kr-kr1")).toBeLessThan(y("a"));
    expect(y("a")).toBeLessThan(y("a1"));
    expect(tree.maxGeneration).toBe(2);
    expect(tree.nodes.get("root")!.beneath).toBe(3);
  });

  it("shows objectives down to the level, with an objective's own toggle winning over it", () => {
    const ids = (level: number, overrides?: Map<string, boolean>) => layoutAtLevel(level, overrides).visible.map((v) => v.id);
    expect(ids(0)).toEqual(["root"]);
    expect(ids(1)).toEqual(["root", "kr-kr1", "a", "b"]);
    expect(ids(2)).toEqual(["root", "kr-kr1", "a", "a1", "b"]);
    expect(ids(1, new Map([["a", true]]))).toEqual(["root", "kr-kr1", "a", "a1", "b"]);
    expect(ids(2, new Map([["root", false]]))).toEqual(["root"]);
    expect(layoutAtLevel(1).visible.find((v) => v.id === "a")!.isExpanded).toBe(false);
  });

  it("leaves out what a loop in the data cuts off from the root", () => {
    const looped: GraphData = { ...data, objectives: [...data.objectives, objective("x", "y"), objective("y", "x")] };
    expect([...buildGraphTree(looped).nodes.keys()].sort()).toEqual(["a", "a1", "b", "kr-kr1", "root"]);
  });

  it("estimates a taller card for a title that wraps onto more lines", () => {
    const long = "A much longer title that has to wrap over several lines of the card to be read in full";
    const tree = buildGraphTree({ ...data, objectives: [objective("root", null), objective("short", "root", null, "Short"), objective("long", "root", null, long)], keyResults: [] });
    const height = (id: string) => estimateNodeSize(tree.nodes.get(id)!).height;
    expect(height("long")).toBeGreaterThanOrEqual(height("short") + 2 * 28);
  });
});

describe("fitting the graph to the screen", () => {
  const screen = { width: 1400, height: 900 };

  it("shows a small graph whole and centred, without blowing it up past the largest zoom", () => {
    const view = fitToScreen({ width: 700, height: 300 }, { x: 200, width: 300 }, screen);
    expect(view.zoom).toBe(1.5);
    expect(view.x).toBeCloseTo((1400 - 700 * 1.5) / 2);
    expect(view.y).toBeCloseTo((900 - 300 * 1.5) / 2);
  });

  it("never zooms out below the readable zoom; a graph still too big keeps its top row and its root on screen", () => {
    const root = { x: 4000, width: 320 };
    const view = fitToScreen({ width: 9000, height: 3000 }, root, screen);
    expect(view.zoom).toBe(MIN_READABLE_ZOOM);
    expect(view.y).toBe(24);
    const rootLeft = view.x + root.x * view.zoom;
    expect(rootLeft).toBeGreaterThanOrEqual(0);
    expect(rootLeft + root.width * view.zoom).toBeLessThanOrEqual(1400);
  });

  it("opens a large subtree at the deepest level that fits at a readable zoom, and a small one whole", () => {
    const objectives: GraphObjective[] = [objective("root", null)];
    for (let i = 0; i < 5; i++) {
      objectives.push(objective(`c${i}`, "root"));
      for (let j = 0; j < 5; j++) objectives.push(objective(`c${i}-${j}`, `c${i}`));
    }
    const big = buildGraphTree({ rootId: "root", cycleId: "c", objectives, keyResults: [] });
    expect(big.maxGeneration).toBe(2);
    const level = chooseLevel(big, screen);
    expect(level).toBe(1);
    const shown = layoutVisible(big, visibleGraph(big, level));
    expect(shown.width * MIN_READABLE_ZOOM).toBeLessThanOrEqual(screen.width);
    const all = layoutVisible(big, visibleGraph(big, 2));
    expect(all.width * MIN_READABLE_ZOOM).toBeGreaterThan(screen.width);

    const small = buildGraphTree(data);
    expect(chooseLevel(small, screen)).toBe(2);
    expect(chooseLevel(buildGraphTree({ ...data, objectives: [objective("root", null)], keyResults: [] }), screen)).toBe(0);
  });
});
