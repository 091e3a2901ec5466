import { describe, expect, it } from "vitest";
import { organizationProgress, rollUpTeams, weightedMean } from "./rollup";

describe("weightedMean", () => {
  it("weights key results", () => {
    expect(weightedMean([{ progress: 100, weight: 3 }, { progress: 0, weight: 1 }]).toString()).toBe("75");
  });
  it("is 0 with no key results or no weight", () => {
    expect(weightedMean([]).toString()).toBe("0");
    expect(weightedMean([{ progress: 50, weight: 0 }]).toString()).toBe("0");
  });
  it("is exact", () => {
    expect(weightedMean([{ progress: "33.3333", weight: 1 }, { progress: "66.6667", weight: 1 }]).toString()).toBe("50");
  });
});

describe("rollUpTeams", () => {
  const teams = [
    { id: "dept", parentId: null },
    { id: "a", parentId: "dept" },
    { id: "b", parentId: "dept" },
    { id: "b1", parentId: "b" },
  ];

  it("counts each team's own objectives and everything nested beneath it", () => {
    const result = rollUpTeams(teams, [
      { teamId: "a", progress: 20, isCounted: true },
      { teamId: "b", progress: 40, isCounted: true },
      { teamId: "b1", progress: 90, isCounted: true },
      { teamId: "dept", progress: 50, isCounted: true },
    ]);
    expect(result.get("b1")?.progress.toString()).toBe("90");
    expect(result.get("b")?.progress.toString()).toBe("65");
    expect(result.get("b")?.objectiveCount).toBe(2);
    expect(result.get("dept")?.progress.toString()).toBe("50");
    expect(result.get("dept")?.objectiveCount).toBe(4);
    expect(result.get("dept")?.ownObjectiveCount).toBe(1);
  });

  it("leaves out objectives that do not count, and gives empty teams 0", () => {
    const result = rollUpTeams(teams, [{ teamId: "a", progress: 80, isCounted: false }]);
    expect(result.get("a")?.progress.toString()).toBe("0");
    expect(result.get("a")?.objectiveCount).toBe(0);
  });

  it("handles a deep chain without recursion", () => {
    const deep = Array.from({ length: 20_000 }, (_, i) => ({ id: `t${i}`, parentId: i ? `t${i - 1}` : null }));
    const result = rollUpTeams(deep, [{ teamId: "t19999", progress: 10, isCounted: true }]);
    expect(result.get("t0")?.progress.toString()).toBe("10");
  });
});

describe("organizationProgress", () => {
  it("is the mean of counted objectives", () => {
    expect(organizationProgress([{ teamId: null, progress: 10, isCounted: true }, { teamId: "a", progress: 30, isCounted: true }, { teamId: "a", progress: 99, isCounted: false }]).toString()).toBe("20");
  });
});
