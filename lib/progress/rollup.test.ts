import fc from "fast-check";
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

const progressValue = fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 10_000).toFixed(4));

describe("roll-up properties", () => {
  it("keeps an objective's weighted mean between its lowest and highest key result", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ progress: progressValue, weight: fc.integer({ min: 0, max: 10 }) }), { maxLength: 12 }), (items) => {
        const counted = items.filter((i) => i.weight > 0).map((i) => Number(i.progress));
        const mean = weightedMean(items).toNumber();
        if (!counted.length) expect(mean).toBe(0);
        else expect(mean >= Math.min(...counted) - 1e-9 && mean <= Math.max(...counted) + 1e-9).toBe(true);
      }),
    );
  });

  it("gives every team the mean of all objectives at or beneath it, for any tree", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 25 }),
        fc.array(fc.record({ team: fc.nat(), progress: progressValue, isCounted: fc.boolean() }), { maxLength: 40 }),
        (parents, objectives) => {
          // Team i's parent is one of the teams before it, so any such list is a forest.
          const teams = parents.map((p, i) => ({ id: `t${i}`, parentId: i === 0 || p % 4 === 0 ? null : `t${p % i}` }));
          const rows = objectives.map((o) => ({ teamId: `t${o.team % teams.length}`, progress: o.progress, isCounted: o.isCounted }));
          const rollups = rollUpTeams(teams, rows);
          const parentOf = new Map(teams.map((t) => [t.id, t.parentId]));
          const isAtOrBeneath = (team: string | null, ancestor: string) => {
            for (let t = team; t; t = parentOf.get(t) ?? null) if (t === ancestor) return true;
            return false;
          };
          for (const team of teams) {
            const mine = rows.filter((r) => r.isCounted && isAtOrBeneath(r.teamId, team.id)).map((r) => Number(r.progress));
            const r = rollups.get(team.id)!;
            expect(r.objectiveCount).toBe(mine.length);
            const expected = mine.length ? mine.reduce((a, b) => a + b, 0) / mine.length : 0;
            expect(Math.abs(r.progress.toNumber() - expected)).toBeLessThan(1e-6);
          }
        },
      ),
    );
  });
});
