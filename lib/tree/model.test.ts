import { describe, expect, it } from "vitest";
import { applyFilters, buildTree, countBeneath, expandToDepth, visibleRows, whyChainOf } from "./model";
import type { TreePayload } from "./payload";

/**
 * 0 Company (company)            kr0 "Grow revenue", kr1 "Keep churn low"
 * 1   Sales (team, parent 0)     kr2
 * 2   Success (team, via kr1)
 * 3     Alice (personal, parent 2)
 * 4 Finance (team, unaligned)
 * 5 Loop A (team, parent 6)   6 Loop B (team, parent 5)
 */
function payload(): TreePayload {
  return {
    cycle: { id: "c", name: "Q4", state: "active", startDate: "2026-10-01", endDate: "2026-12-31" },
    limits: { maxObjectivesPerTeam: 5, maxKeyResultsPerObjective: 5, maxKeyResultsPerPerson: 8 },
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

const titles = (rows: ReturnType<typeof visibleRows>, model: ReturnType<typeof buildTree>) =>
  rows.map((r) => (r.kind === "header" ? `# ${r.label}` : `${"  ".repeat(r.level - 1)}${r.node < model.objectiveCount ? model.payload.objectives.title[r.node] : `kr:${model.payload.keyResults.title[r.node - model.objectiveCount]}`}`));

describe("buildTree", () => {
  it("hangs objectives under the objective or key result they align to, and lists the rest apart", () => {
    const model = buildTree(payload());
    expect(model.roots).toEqual([0]);
    expect(model.unaligned).toEqual([4]);
    expect(model.detached.sort()).toEqual([5, 6]);
    const rows = visibleRows(model, expandToDepth(model, Infinity));
    expect(titles(rows, model)).toEqual([
      "Company",
      "  kr:Grow revenue",
      "  kr:Keep churn low",
      "    Success",
      "      Alice",
      "  Sales",
      "    kr:Book meetings",
      "# Not aligned to anything",
      "Finance",
      "# Caught in an alignment loop",
      "Loop A",
      "  Loop B",
    ]);
  });

  it("shows only what is expanded, with positions for assistive technology", () => {
    const model = buildTree(payload());
    const rows = visibleRows(model, new Set([0]));
    expect(titles(rows, model).slice(0, 4)).toEqual(["Company", "  kr:Grow revenue", "  kr:Keep churn low", "  Sales"]);
    const sales = rows.find((r) => r.kind === "node" && r.node === 1);
    expect(sales).toMatchObject({ level: 2, posInSet: 3, setSize: 3, hasChildren: true, isExpanded: false });
  });
});

describe("filters", () => {
  it("shows matches with their key results and their path up as context", () => {
    const model = buildTree(payload());
    const result = applyFilters(model, { q: "alice" });
    expect(result.matchCount).toBe(1);
    const rows = visibleRows(model, new Set([...result.pathToMatches]), result);
    expect(titles(rows, model)).toEqual(["Company", "  kr:Keep churn low", "    Success", "      Alice"]);
    expect(rows.filter((r) => r.kind === "node" && !r.isContext).map((r) => (r.kind === "node" ? r.node : -1))).toEqual([3]);
  });

  it("filters by team including sub-teams, by key-result text and by confidence", () => {
    const model = buildTree(payload());
    expect(applyFilters(model, { team: 0 }).matchCount).toBe(3);
    expect(applyFilters(model, { q: "meetings" }).matched?.[1]).toBe(1);
    const offTrack = applyFilters(model, { confidence: 2 });
    expect([...(offTrack.matched ?? []).slice(0, 7)]).toEqual([1, 0, 0, 0, 0, 0, 0]);
  });
});

describe("why chain", () => {
  it("walks up through key results to the company objective, and stops at loops", () => {
    const model = buildTree(payload());
    expect(whyChainOf(model, 3)).toEqual([
      { objective: 2, viaKeyResult: -1 },
      { objective: 0, viaKeyResult: 1 },
    ]);
    expect(whyChainOf(model, 5)).toEqual([{ objective: 6, viaKeyResult: -1 }]);
    expect(countBeneath(model, 0)).toBe(3);
  });
});

describe("focus warnings", () => {
  it("marks objectives with too many key results, teams with too many objectives and busy people", async () => {
    const { objectiveWarnings } = await import("./focus");
    const p = payload();
    p.limits = { maxObjectivesPerTeam: 1, maxKeyResultsPerObjective: 1, maxKeyResultsPerPerson: 2 };
    p.objectives.team = [-1, 2, 2, 2, 3, 3, 3];
    const marks = objectiveWarnings(p);
    expect(marks.objectives.get(0)).toBe("2 key results");
    expect(marks.details.get(4)).toEqual(["Finance has 2 objectives, above the limit of 1 per team"]);
    expect(marks.objectives.get(6)).toBeUndefined();
    expect(marks.details.get(1)).toEqual([
      "Success has 2 objectives, above the limit of 1 per team",
      "Alex owns 3 key results, above the limit of 2 per person",
    ]);
  });
});
