import { describe, expect, it } from "vitest";
import { keyResultChanges, objectiveChanges, summarise, type KeyResultNow } from "./changes";

const kr = (partial: Partial<KeyResultNow>): KeyResultNow => ({
  id: "k1",
  objectiveId: "o1",
  type: "number",
  direction: "increase",
  startValue: "0",
  targetValue: "100",
  progress: "60",
  confidence: "on_track",
  weight: "1",
  isNew: false,
  moved: true,
  ...partial,
});

describe("what changed since a date", () => {
  it("measures progress and confidence moves from the value at that date", () => {
    const [change] = keyResultChanges([kr({ confidence: "at_risk" })], new Map([["k1", { value: "45", confidence: "on_track" }]]));
    expect(change).toMatchObject({ progressThen: 45, progressNow: 60, delta: 15, confidenceThen: "on_track", confidenceNow: "at_risk", confidenceTrend: -1 });
  });

  it("counts a key result without a check-in before the date as at its start, and a new one as new", () => {
    const [untouched, fresh] = keyResultChanges(
      [kr({ id: "a", progress: "30" }), kr({ id: "b", isNew: true, progress: "10" })],
      new Map(),
    );
    expect(untouched).toMatchObject({ progressThen: 0, progressNow: 30, confidenceThen: null, confidenceTrend: 0 });
    expect(fresh).toMatchObject({ progressThen: 0, progressNow: 10 });
  });

  it("works for decreasing key results", () => {
    const [change] = keyResultChanges([kr({ direction: "decrease", startValue: "480", targetValue: "250", progress: "50" })], new Map([["k1", { value: "480", confidence: "off_track" }]]));
    expect(change).toMatchObject({ progressThen: 0, progressNow: 50, confidenceTrend: 1 });
  });

  it("rolls key results up into objectives with their weights, leaving new key results out of 'then'", () => {
    const now = [
      kr({ id: "a", weight: "3", progress: "100" }),
      kr({ id: "b", weight: "1", progress: "0" }),
      kr({ id: "c", isNew: true, progress: "50" }),
    ];
    const changes = keyResultChanges(now, new Map([["a", { value: "50", confidence: "on_track" }], ["b", { value: "0", confidence: "on_track" }]]));
    expect(objectiveChanges(now, changes)).toEqual([{ objectiveId: "o1", progressThen: 37.5, progressNow: 70, delta: 32.5 }]);
    expect(summarise(changes)).toEqual({ improved: 2, declined: 0, confidenceWorse: 0, confidenceBetter: 0 });
  });

  it("keeps a key result that did not move where it is, whatever its history, and counts it in its objective", () => {
    // Never checked in, yet not at its start value: it did not move since the date, so it shows no change.
    const still = kr({ id: "s", progress: "20", moved: false, confidence: "at_risk" });
    const moving = kr({ id: "m", progress: "80" });
    const changes = keyResultChanges([still, moving], new Map([["m", { value: "40", confidence: "on_track" }]]));
    expect(changes[0]).toMatchObject({ progressThen: 20, progressNow: 20, delta: 0, confidenceThen: "at_risk", confidenceTrend: 0 });
    expect(objectiveChanges([still, moving], changes)).toEqual([{ objectiveId: "o1", progressThen: 30, progressNow: 50, delta: 20 }]);
  });
});
