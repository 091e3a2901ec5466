import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blastRadius, wouldLoop, type DependencyEdge } from "./graph";

const edge = (keyResultId: string, dependsOnId: string): DependencyEdge => ({ keyResultId, dependsOnId });

describe("dependencies", () => {
  it("refuse a key result depending on itself, or on one that already depends on it through a chain", () => {
    const edges = [edge("a", "b"), edge("b", "c")];
    expect(wouldLoop(edges, "a", "a")).toBe(true);
    expect(wouldLoop(edges, "c", "a")).toBe(true);
    expect(wouldLoop(edges, "c", "b")).toBe(true);
    expect(wouldLoop(edges, "a", "c")).toBe(false);
    expect(wouldLoop(edges, "d", "a")).toBe(false);
  });

  it("never let a graph built only from accepted edges contain a loop", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { maxLength: 40 }), (pairs) => {
        const edges: DependencyEdge[] = [];
        for (const [a, b] of pairs) if (!wouldLoop(edges, `k${a}`, `k${b}`)) edges.push(edge(`k${a}`, `k${b}`));
        // With no loop, every key result's blast radius leaves the key result itself out.
        for (let i = 0; i < 8; i++) expect(blastRadius(edges, `k${i}`, () => undefined, () => null).keyResultIds).not.toContain(`k${i}`);
      }),
    );
  });

  it("reach every key result downstream and every objective above them, each once", () => {
    // x is in trouble; a and b depend on x; c depends on a. a, b sit under objective A; c under C; C is aligned under A, A under Top.
    const edges = [edge("a", "x"), edge("b", "x"), edge("c", "a"), edge("x", "unrelated")];
    const objectiveOf = (kr: string) => ({ a: "A", b: "A", c: "C" })[kr];
    const parentOf = (o: string) => ({ A: "Top", C: "A", Top: null })[o];
    expect(blastRadius(edges, "x", objectiveOf, parentOf)).toEqual({ keyResultIds: ["a", "b", "c"], objectiveIds: ["A", "Top", "C"] });
    expect(blastRadius(edges, "c", objectiveOf, parentOf)).toEqual({ keyResultIds: [], objectiveIds: [] });
  });

  it("stop at loops that older data may hold", () => {
    const edges = [edge("a", "b"), edge("b", "a")];
    expect(blastRadius(edges, "a", () => undefined, () => null).keyResultIds).toEqual(["b"]);
  });
});
