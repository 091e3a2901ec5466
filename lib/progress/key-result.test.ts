import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal";
import { keyResultProgress, targetProblem, type KeyResultMeasure } from "./key-result";

const progressOf = (kr: KeyResultMeasure) => keyResultProgress(kr).progress.toString();

describe("keyResultProgress", () => {
  it("measures an increase from start to target", () => {
    expect(progressOf({ type: "number", direction: "increase", start: 0, target: 40, current: 10 })).toBe("25");
    expect(progressOf({ type: "percent", direction: "increase", start: 38, target: 60, current: 49 })).toBe("50");
  });

  it("measures a decrease from start to target", () => {
    expect(progressOf({ type: "number", direction: "decrease", start: 480, target: 250, current: 365 })).toBe("50");
  });

  it("is exact with decimals that floats get wrong", () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004.
    expect(progressOf({ type: "number", direction: "increase", start: "0.1", target: "0.4", current: "0.3" })).toBe(
      new Decimal(200).dividedBy(3).toString(),
    );
    expect(progressOf({ type: "currency", direction: "increase", start: "0", target: "0.3", current: "0.1" })).toBe(
      new Decimal(100).dividedBy(3).toString(),
    );
  });

  it("clamps at 0 and 100 and reports over-achievement apart", () => {
    const behind = keyResultProgress({ type: "number", direction: "increase", start: 10, target: 20, current: 5 });
    expect(behind.progress.toString()).toBe("0");
    const beyond = keyResultProgress({ type: "number", direction: "increase", start: 0, target: 20, current: 25 });
    expect(beyond.progress.toString()).toBe("100");
    expect(beyond.overAchievement.toString()).toBe("25");
    expect(beyond.isMet).toBe(true);
  });

  it("treats keep-above and keep-below as thresholds with a margin", () => {
    const above = keyResultProgress({ type: "percent", direction: "keep_above", start: 99.9, target: 99.95, current: 99.97 });
    expect(above.isMet).toBe(true);
    expect(above.progress.toString()).toBe("100");
    expect(above.margin?.toString()).toBe("0.02");
    const below = keyResultProgress({ type: "number", direction: "keep_below", start: 15, target: 12, current: 13.5 });
    expect(below.isMet).toBe(false);
    expect(below.progress.toString()).toBe("0");
    expect(below.margin?.toString()).toBe("-1.5");
  });

  it("counts milestones reached and yes/no", () => {
    expect(progressOf({ type: "milestone", direction: "increase", start: 0, target: 4, current: 1 })).toBe("25");
    expect(progressOf({ type: "yes_no", direction: "increase", start: 0, target: 1, current: 0 })).toBe("0");
    expect(progressOf({ type: "yes_no", direction: "increase", start: 0, target: 1, current: 1 })).toBe("100");
  });
});

describe("targetProblem", () => {
  it("refuses a target equal to the start, or on the wrong side", () => {
    expect(targetProblem({ type: "number", direction: "increase", start: 5, target: 5 })).toMatch(/differ/);
    expect(targetProblem({ type: "number", direction: "increase", start: 5, target: 3 })).toMatch(/above/);
    expect(targetProblem({ type: "number", direction: "decrease", start: 5, target: 8 })).toMatch(/below/);
    expect(targetProblem({ type: "milestone", direction: "increase", start: 0, target: 0 })).toMatch(/milestone/);
    expect(targetProblem({ type: "number", direction: "keep_above", start: 5, target: 5 })).toBeNull();
  });
});

// Values with up to four decimals, as the database stores them.
const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => new Decimal(n).dividedBy(10_000).toString());

describe("keyResultProgress properties", () => {
  it("stays within 0 to 100 for any values", () => {
    fc.assert(
      fc.property(amount, amount, amount, fc.constantFrom("increase", "decrease", "keep_above", "keep_below" as const), (start, target, current, direction) => {
        const { progress, overAchievement } = keyResultProgress({ type: "number", direction, start, target, current });
        expect(progress.greaterThanOrEqualTo(0) && progress.lessThanOrEqualTo(100)).toBe(true);
        expect(overAchievement.greaterThanOrEqualTo(0)).toBe(true);
      }),
    );
  });

  it("never falls when the value moves towards the target", () => {
    fc.assert(
      fc.property(amount, amount, amount, amount, (start, target, a, b) => {
        fc.pre(!new Decimal(start).equals(target));
        const direction = new Decimal(target).greaterThan(start) ? "increase" : "decrease";
        const [low, high] = new Decimal(a).lessThan(b) ? [a, b] : [b, a];
        const atLow = keyResultProgress({ type: "number", direction, start, target, current: low }).progress;
        const atHigh = keyResultProgress({ type: "number", direction, start, target, current: high }).progress;
        if (direction === "increase") expect(atHigh.greaterThanOrEqualTo(atLow)).toBe(true);
        else expect(atLow.greaterThanOrEqualTo(atHigh)).toBe(true);
      }),
    );
  });

  it("gives a decrease the mirror image of the matching increase", () => {
    fc.assert(
      fc.property(amount, amount, amount, (start, target, current) => {
        fc.pre(new Decimal(target).lessThan(start));
        const down = keyResultProgress({ type: "number", direction: "decrease", start, target, current });
        const mirrored = keyResultProgress({
          type: "number",
          direction: "increase",
          start: new Decimal(start).negated().toString(),
          target: new Decimal(target).negated().toString(),
          current: new Decimal(current).negated().toString(),
        });
        expect(down.progress.equals(mirrored.progress)).toBe(true);
        expect(down.overAchievement.equals(mirrored.overAchievement)).toBe(true);
      }),
    );
  });

  it("is 0 at the start and 100 at the target", () => {
    fc.assert(
      fc.property(amount, amount, (start, target) => {
        fc.pre(!new Decimal(start).equals(target));
        const direction = new Decimal(target).greaterThan(start) ? "increase" : "decrease";
        expect(keyResultProgress({ type: "number", direction, start, target, current: start }).progress.toString()).toBe("0");
        expect(keyResultProgress({ type: "number", direction, start, target, current: target }).progress.toString()).toBe("100");
      }),
    );
  });
});

const KINDS = [
  { type: "number", directions: ["increase", "decrease", "keep_above", "keep_below"] },
  { type: "percent", directions: ["increase", "decrease", "keep_above", "keep_below"] },
  { type: "currency", directions: ["increase", "decrease", "keep_above", "keep_below"] },
  { type: "milestone", directions: ["increase"] },
  { type: "yes_no", directions: ["increase"] },
] as const;

describe("keyResultProgress properties, every type", () => {
  it("stays within 0 to 100, with over-achievement never negative, for every type and direction", () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.nat(3), amount, amount, amount, fc.integer({ min: 1, max: 12 }), (kind, pick, start, target, current, count) => {
        const direction = kind.directions[pick % kind.directions.length]!;
        const measure =
          kind.type === "milestone"
            ? { start: 0, target: count, current: Math.abs(Number(current)) % (count + 3) }
            : kind.type === "yes_no"
              ? { start: 0, target: 1, current: Number(current) > 0 ? 1 : 0 }
              : { start, target, current };
        const { progress, overAchievement } = keyResultProgress({ type: kind.type, direction, ...measure });
        expect(progress.greaterThanOrEqualTo(0) && progress.lessThanOrEqualTo(100)).toBe(true);
        expect(overAchievement.greaterThanOrEqualTo(0)).toBe(true);
      }),
    );
  });

  it("gives a threshold 100 exactly when it holds, and a margin whose sign says so", () => {
    fc.assert(
      fc.property(fc.constantFrom("keep_above", "keep_below" as const), amount, amount, (direction, threshold, current) => {
        const result = keyResultProgress({ type: "number", direction, start: threshold, target: threshold, current });
        expect(result.progress.toString()).toBe(result.isMet ? "100" : "0");
        expect(result.margin!.greaterThanOrEqualTo(0)).toBe(result.isMet);
        const holds = direction === "keep_above" ? new Decimal(current).greaterThanOrEqualTo(threshold) : new Decimal(current).lessThanOrEqualTo(threshold);
        expect(result.isMet).toBe(holds);
      }),
    );
  });

  it("never falls as more milestones are reached", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.nat(25), fc.nat(25), (count, a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        const at = (reached: number) => keyResultProgress({ type: "milestone", direction: "increase", start: 0, target: count, current: reached }).progress;
        expect(at(high).greaterThanOrEqualTo(at(low))).toBe(true);
      }),
    );
  });
});
