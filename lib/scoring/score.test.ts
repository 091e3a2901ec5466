import { describe, expect, it } from "vitest";
import { formatScore, scoreBand, suggestedScore } from "./score";

describe("suggestedScore", () => {
  it("is progress over 100, rounded to one decimal", () => {
    expect(suggestedScore(72)).toBe("0.7");
    expect(suggestedScore(75)).toBe("0.8");
    expect(suggestedScore(74.99)).toBe("0.7");
    expect(suggestedScore("33.3333")).toBe("0.3");
    expect(suggestedScore(0)).toBe("0.0");
    expect(suggestedScore(100)).toBe("1.0");
  });

  it("stays within 0.0 and 1.0 whatever progress says", () => {
    expect(suggestedScore(140)).toBe("1.0");
    expect(suggestedScore(-5)).toBe("0.0");
  });

  it("gives yes/no key results and thresholds all or nothing", () => {
    expect(suggestedScore(100, { type: "yes_no", direction: "increase" })).toBe("1.0");
    expect(suggestedScore(0, { type: "yes_no", direction: "increase" })).toBe("0.0");
    expect(suggestedScore(100, { type: "percent", direction: "keep_above" })).toBe("1.0");
    expect(suggestedScore(99.9, { type: "number", direction: "keep_below" })).toBe("0.0");
  });

  it("rounds numbers and milestones like any other progress", () => {
    expect(suggestedScore(66.6667, { type: "milestone", direction: "increase" })).toBe("0.7");
    expect(suggestedScore(45, { type: "currency", direction: "decrease" })).toBe("0.5");
  });
});

describe("scoreBand", () => {
  it("reads 0.0-0.3 as low, 0.4-0.6 as mid and 0.7-1.0 as high, with no gaps between", () => {
    expect(["0", "0.3", "0.39", "0.4", "0.6", "0.69", "0.7", "1"].map(scoreBand)).toEqual(["low", "low", "low", "mid", "mid", "mid", "high", "high"]);
  });
});

describe("formatScore", () => {
  it("shows one decimal unless two were given, and a dash when unscored", () => {
    expect(formatScore("0.70")).toBe("0.7");
    expect(formatScore("0.75")).toBe("0.75");
    expect(formatScore("1.00")).toBe("1.0");
    expect(formatScore(null)).toBe("—");
  });
});
