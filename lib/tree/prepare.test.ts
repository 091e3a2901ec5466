import { describe, expect, it } from "vitest";
import { visibleRows } from "./model";
import type { TreePayload } from "./payload";
import { cutIntoPieces, pieceCollector } from "./pieces";
import { ALL_LEVELS, expandToLevel, parseAndPrepare, prepareTree, transferablesOf, type PreparedTree } from "./prepare";

/**
 * 0 Company (company)            kr0 "Grow revenue" (on track), kr1 "Keep churn low" (off track)
 * 1   Sales (team, parent 0)     kr2 (at risk)
 * 2   Success (team, via kr1)
 * 3     Alice (personal, parent 2)
 * 4 Finance (team, unaligned)
 * 5 Loop A (team, parent 6)   6 Loop B (team, parent 5)
 */
function payload(): TreePayload {
  return {
    cycle: { id: "c", name: "Q4", state: "active", startDate: "2026-10-01", endDate: "2026-12-31" },
    limits: { maxObjectivesPerTeam: 5, maxKeyResultsPerObjective: 1, maxKeyResultsPerPerson: 8 },
    teams: { id: ["t0", "t1", "t2", "t3"], name: ["GTM", "Sales", "Success", "Finance"], parent: [-1, 0, 0, -1], archived: [false, false, false, false] },
    people: { id: ["p0", "p1"], name: ["Alex", "Alice"] },
    objectives: {
      id: ["o0", "o1", "o2", "o3", "o4", "o5", "o6"],
      title: ["Company", "Sales", "Success", "Alice", "Finance", "Loop A", "Loop B"],
      level: [0, 1, 1, 2, 1, 1, 1],
      team: [-1, 1, 2, 2, 3, 3, 3],
      owner: [0, 0, 0, 1, 0, 0, 0],
      state: [1, 1, 1, 1, 1, 1, 3],
      kind: [0, 0, 0, 0, 0, 0, 0],
      progress: [50, 40, 30, 20, 10, 0, 0],
      parent: [-1, 0, -1, 2, -1, 6, 5],
      parentKr: [-1, -1, 1, -1, -1, -1, -1],
    },
    keyResults: { objective: [0, 0, 1], title: ["Grow revenue", "Keep churn low", "Book meetings"], progress: [50, 50, 40], confidence: [0, 2, 1], owner: [0, 0, 0] },
  };
}

const bytesOf = (p: TreePayload) => new TextEncoder().encode(JSON.stringify(p)).buffer as ArrayBuffer;

/** What the worker hands back, as the page receives it: in small pieces, each structured-cloned, typed arrays moved. */
function throughWorker(bytes: ArrayBuffer, pieceSize = 2): PreparedTree {
  const collector = pieceCollector();
  let whole: PreparedTree | null = null;
  for (const piece of cutIntoPieces(parseAndPrepare(bytes), pieceSize)) {
    const transfer = piece.kind === "rest" ? transferablesOf(piece.prepared) : [];
    expect(whole).toBeNull();
    whole = collector.add(structuredClone(piece, { transfer }));
  }
  return whole!;
}

const drawn = (tree: PreparedTree, level: number) =>
  visibleRows(tree.model, expandToLevel(tree.model, tree.levels, level)).map((r) => (r.kind === "header" ? `# ${r.label} ${r.count}` : `${r.level} ${r.node} ${r.posInSet}/${r.setSize} ${r.isExpanded}`));

describe("preparing the tree off the main thread", () => {
  it("draws the same rows, warnings and colours from the worker's copy as from one built in place", () => {
    const inPlace = prepareTree(payload());
    const fromWorker = throughWorker(bytesOf(payload()));
    for (const level of [0, 1, 2, 3, ALL_LEVELS]) expect(drawn(fromWorker, level)).toEqual(drawn(inPlace, level));
    expect([...fromWorker.worst]).toEqual([...inPlace.worst]);
    expect(fromWorker.marks).toEqual(inPlace.marks);
    expect(fromWorker.model.payload).toEqual(payload());
    expect(fromWorker.model.detached).toEqual(inPlace.model.detached);
    expect(fromWorker.model.children).toEqual(inPlace.model.children);
    expect(throughWorker(bytesOf(payload()), 1000).model.payload).toEqual(payload());
  });

  it("numbers objective levels through key results, and survives a loop of alignments", () => {
    const { levels, model } = prepareTree(payload());
    const krNode = (j: number) => model.objectiveCount + j;
    expect([...levels.slice(0, 7)]).toEqual([1, 2, 2, 3, 1, expect.any(Number), expect.any(Number)]);
    expect([levels[krNode(0)], levels[krNode(1)], levels[krNode(2)]]).toEqual([1, 1, 2]);
    expect(levels[5]! >= 1 && levels[6]! >= 1).toBe(true);
  });

  it("gives each objective its worst key result's confidence, and warns about objectives over the limit", () => {
    const { worst, marks } = prepareTree(payload());
    expect([...worst]).toEqual([2, 1, -1, -1, -1, -1, -1]);
    expect(marks.objectives.get(0)).toBe("2 key results");
  });

  it("walks a 50,000-deep chain without exhausting the stack", () => {
    const n = 50_000;
    const deep = payload();
    deep.objectives = {
      id: Array.from({ length: n }, (_, i) => `o${i}`),
      title: Array.from({ length: n }, (_, i) => `Goal ${i}`),
      level: Array.from({ length: n }, (_, i) => (i === 0 ? 0 : 2)),
      team: new Array<number>(n).fill(-1),
      owner: new Array<number>(n).fill(0),
      state: new Array<number>(n).fill(1),
      kind: new Array<number>(n).fill(0),
      progress: new Array<number>(n).fill(0),
      parent: Array.from({ length: n }, (_, i) => i - 1),
      parentKr: new Array<number>(n).fill(-1),
    };
    deep.keyResults = { objective: [], title: [], progress: [], confidence: [], owner: [] };
    expect(prepareTree(deep).levels[n - 1]).toBe(n);
  });
});
