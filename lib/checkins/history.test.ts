import { describe, expect, it } from "vitest";
import { cycleWeeks, meanSeries, objectiveProgressSeries } from "./history";

describe("cycleWeeks", () => {
  it("lists the Mondays from the cycle's first week up to now", () => {
    // 1 Oct 2026 is a Thursday: its week starts on Monday 28 Sep.
    expect(cycleWeeks(new Date("2026-10-01"), new Date("2026-12-31"), new Date("2026-10-14T12:00:00Z"))).toEqual(["2026-09-28", "2026-10-05", "2026-10-12"]);
  });
  it("stops at the cycle's last week when the cycle is over", () => {
    expect(cycleWeeks(new Date("2026-10-05"), new Date("2026-10-18"), new Date("2027-03-01"))).toEqual(["2026-10-05", "2026-10-12"]);
  });
});

describe("objectiveProgressSeries", () => {
  const weeks = ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"];
  it("carries each key result's latest value forward and weights the mean", () => {
    const series = objectiveProgressSeries(
      [
        { type: "number", direction: "increase", start: "0", target: "100", weight: "3", checkIns: [{ week: "2026-10-12", value: "40" }, { week: "2026-10-26", value: "100" }] },
        { type: "number", direction: "decrease", start: "480", target: "250", weight: "1", checkIns: [{ week: "2026-10-19", value: "365" }] },
      ],
      weeks,
    );
    expect(series).toEqual([
      { week: "2026-10-05", progress: 0 },
      { week: "2026-10-12", progress: 30 },
      { week: "2026-10-19", progress: 42.5 },
      { week: "2026-10-26", progress: 87.5 },
    ]);
  });
  it("is 0 for an objective without key results", () => {
    expect(objectiveProgressSeries([], weeks).every((p) => p.progress === 0)).toBe(true);
  });
});

describe("meanSeries", () => {
  it("averages objectives week by week", () => {
    expect(
      meanSeries([
        [{ week: "2026-10-05", progress: 10 }, { week: "2026-10-12", progress: 20 }],
        [{ week: "2026-10-05", progress: 30 }, { week: "2026-10-12", progress: 61 }],
      ]),
    ).toEqual([
      { week: "2026-10-05", progress: 20 },
      { week: "2026-10-12", progress: 40.5 },
    ]);
  });
});
