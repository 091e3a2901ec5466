import { describe, expect, it } from "vitest";
import { whyChain, wouldCreateCycle, type AlignmentLink } from "./chain";

type Link = AlignmentLink & { parentKeyResultId: string | null };
const links = (rows: [string, string | null, string | null, string | null][]): Map<string, Link> =>
  new Map(rows.map(([id, parentObjectiveId, parentKeyResultId, parentKeyResultObjectiveId]) => [id, { id, parentObjectiveId, parentKeyResultId, parentKeyResultObjectiveId }]));

// company -> dept (through key result kr1 of company) -> team -> personal
const tree = links([
  ["company", null, null, null],
  ["dept", null, "kr1", "company"],
  ["team", "dept", null, null],
  ["personal", "team", null, null],
]);

describe("whyChain", () => {
  it("walks up to the company objective, through key results too", () => {
    expect(whyChain("personal", tree)).toEqual([
      { objectiveId: "team", viaKeyResultId: null },
      { objectiveId: "dept", viaKeyResultId: null },
      { objectiveId: "company", viaKeyResultId: "kr1" },
    ]);
  });

  it("is empty for a top objective or an unaligned one", () => {
    expect(whyChain("company", tree)).toEqual([]);
    expect(whyChain("unknown", tree)).toEqual([]);
  });

  it("stops at a loop in damaged data instead of hanging", () => {
    const looped = links([
      ["a", "b", null, null],
      ["b", "a", null, null],
    ]);
    expect(whyChain("a", looped)).toEqual([{ objectiveId: "b", viaKeyResultId: null }]);
  });
});

describe("wouldCreateCycle", () => {
  it("refuses aligning an objective beneath itself", () => {
    expect(wouldCreateCycle("team", "team", tree)).toBe(true);
  });

  it("refuses aligning an objective beneath one of its descendants, also through a key result", () => {
    expect(wouldCreateCycle("dept", "personal", tree)).toBe(true);
    expect(wouldCreateCycle("company", "team", tree)).toBe(true);
  });

  it("allows aligning across branches and teams", () => {
    const forest = links([
      ["a", null, null, null],
      ["b", null, null, null],
      ["b1", "b", null, null],
    ]);
    expect(wouldCreateCycle("a", "b1", forest)).toBe(false);
    expect(wouldCreateCycle("personal", "company", tree)).toBe(false);
  });
});
