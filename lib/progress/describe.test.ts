import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal";
import { describeProgress, progressDetails } from "./describe";
import { keyResultProgress, type KeyResultMeasure } from "./key-result";

const note = (kr: KeyResultMeasure & { unit?: string }) => describeProgress(keyResultProgress(kr), { type: kr.type, direction: kr.direction, unit: kr.unit ?? "" });
const details = (kr: KeyResultMeasure) => progressDetails(keyResultProgress(kr));

describe("describeProgress", () => {
  it("says how far beyond the target an increase or a decrease went", () => {
    expect(note({ type: "number", direction: "increase", start: 0, target: 20, current: 25 })).toEqual({ text: "+25% beyond target", isMet: true });
    expect(note({ type: "number", direction: "decrease", start: 480, target: 250, current: 200, unit: "ms" })?.text).toBe("+22% beyond target");
    expect(note({ type: "milestone", direction: "increase", start: 0, target: 4, current: 5 })?.text).toBe("+25% beyond target");
  });

  it("does not round a sliver beyond the target down to nothing", () => {
    expect(note({ type: "number", direction: "increase", start: 0, target: 10000, current: "10000.5" })?.text).toBe("+<1% beyond target");
  });

  it("adds nothing up to the target, nor for yes/no", () => {
    expect(note({ type: "number", direction: "increase", start: 0, target: 20, current: 20 })).toBeNull();
    expect(note({ type: "number", direction: "decrease", start: 480, target: 250, current: 300 })).toBeNull();
    expect(note({ type: "number", direction: "increase", start: 10, target: 20, current: 5 })).toBeNull();
    expect(note({ type: "yes_no", direction: "increase", start: 0, target: 1, current: 1 })).toBeNull();
  });

  it("says whether a floor holds and by how much, with the unit", () => {
    expect(note({ type: "number", direction: "keep_above", start: 0, target: 10, current: "13.5" })).toEqual({ text: "Met · 3.5 above the floor", isMet: true });
    expect(note({ type: "number", direction: "keep_above", start: 0, target: 10, current: 8 })).toEqual({ text: "Not met · 2 below the floor", isMet: false });
    expect(note({ type: "percent", direction: "keep_above", start: "99.9", target: "99.95", current: "99.97", unit: "%" })?.text).toBe("Met · 0.02% above the floor");
    expect(note({ type: "currency", direction: "keep_above", start: 0, target: 5000, current: 3750, unit: "€" })?.text).toBe("Not met · €1,250 below the floor");
  });

  it("says whether a ceiling holds and by how much, with the unit", () => {
    expect(note({ type: "number", direction: "keep_below", start: 15, target: 12, current: "10.8" })).toEqual({ text: "Met · 1.2 under the ceiling", isMet: true });
    expect(note({ type: "number", direction: "keep_below", start: 15, target: 12, current: "12.8", unit: "ms" })).toEqual({ text: "Not met · 0.8 ms over the ceiling", isMet: false });
  });

  it("counts a value right on the threshold as met", () => {
    expect(note({ type: "number", direction: "keep_above", start: 0, target: 10, current: "10.0000" })).toEqual({ text: "Met · exactly at the floor", isMet: true });
    expect(note({ type: "number", direction: "keep_below", start: 0, target: 10, current: 10 })).toEqual({ text: "Met · exactly at the ceiling", isMet: true });
  });
});

describe("progressDetails", () => {
  it("gives over-achievement in percentage points, exactly, and null when the target was not passed", () => {
    expect(details({ type: "number", direction: "increase", start: 0, target: 20, current: 25 })).toEqual({ overAchievement: "25", thresholdMet: null, margin: null });
    expect(details({ type: "number", direction: "increase", start: "0.1", target: "0.4", current: "0.5" }).overAchievement).toBe("33.3333");
    expect(details({ type: "number", direction: "increase", start: 0, target: 20, current: 10 })).toEqual({ overAchievement: null, thresholdMet: null, margin: null });
  });

  it("gives thresholds whether they hold and the signed margin", () => {
    expect(details({ type: "percent", direction: "keep_above", start: "99.9", target: "99.95", current: "99.97" })).toEqual({ overAchievement: null, thresholdMet: true, margin: "0.02" });
    expect(details({ type: "number", direction: "keep_below", start: 15, target: 12, current: "13.5" })).toEqual({ overAchievement: null, thresholdMet: false, margin: "-1.5" });
    expect(details({ type: "number", direction: "keep_below", start: 15, target: 12, current: 12 })).toEqual({ overAchievement: null, thresholdMet: true, margin: "0" });
  });
});

const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => new Decimal(n).dividedBy(10_000).toString());

describe("describeProgress properties", () => {
  it("words every threshold as met or not met, agreeing with the maths, in plain numbers", () => {
    fc.assert(
      fc.property(amount, amount, fc.constantFrom("keep_above" as const, "keep_below" as const), (target, current, direction) => {
        const result = keyResultProgress({ type: "number", direction, start: 0, target, current });
        const described = describeProgress(result, { type: "number", direction, unit: "" });
        expect(described?.isMet).toBe(result.isMet);
        expect(described?.text).toMatch(result.isMet ? /^Met · / : /^Not met · /);
        expect(described?.text).not.toMatch(/e[+-]|NaN|-/);
      }),
    );
  });
});
