import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addWeeks, isoDate } from "@/lib/dates/week";
import { explainForecast, forecastKeyResult } from "./index";

// A 12-week cycle starting on a Monday: 84 days, the last one a Sunday.
const cycle = { cycleEnd: "2026-12-27" };
// Check-ins on the Mondays after the start: the first a week in.
const weekly = (...values: (string | number)[]) => values.map((value, i) => ({ week: isoDate(addWeeks(new Date("2026-10-12T00:00:00Z"), i)), value }));

describe("forecastKeyResult", () => {
  it("projects a steady increase along its line to the cycle's end", () => {
    const f = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 100, points: weekly(10, 20, 30) })!;
    // 10 per week from 0 at the start: day 83 is 83 * 10 / 7.
    expect(f.projected).toBe("118.5714");
    expect(f.perWeek).toBe("10.0000");
    expect(f.isOffPace).toBe(false);
    expect(f.projectedProgress).toBe(100);
    expect(f.weeks).toBe(3);
    expect(f.at).toBe("2026-12-27");
  });

  it("flags a decrease that is too slow as off pace", () => {
    const f = forecastKeyResult({ ...cycle, type: "number", direction: "decrease", start: 480, target: 250, points: weekly(470, 460, 450) })!;
    expect(f.projected).toBe("361.4286");
    expect(f.isOffPace).toBe(true);
    expect(f.projectedProgress).toBeCloseTo(51.55, 1);
  });

  it("measures the pace from the first check-in, not from the cycle's start", () => {
    // Added mid-cycle: nothing for the first seven weeks, then 10 a week. The empty weeks are not a slow pace.
    const late = [8, 9, 10].map((w, i) => ({ week: isoDate(addWeeks(new Date("2026-10-05T00:00:00Z"), w)), value: 10 * (i + 1) }));
    const f = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 50, points: late })!;
    expect(f.perWeek).toBe("10.0000");
    // From 30 on 14 Dec, 13 more days at 10 a week.
    expect(f.projected).toBe("48.5714");
    expect(f.weeks).toBe(3);
  });

  it("measures the pace over the last six weeks only", () => {
    // A fast start, then flat for six weeks: the projection follows the recent, flat pace.
    const points = weekly(40, 80, 80, 80, 80, 80, 80);
    const f = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 100, points })!;
    expect(f.projected).toBe("80.0000");
    expect(f.weeks).toBe(6);
    expect(f.isOffPace).toBe(true);
  });

  it("keeps milestones between none and all", () => {
    const f = forecastKeyResult({ ...cycle, type: "milestone", direction: "increase", start: 0, target: 3, points: weekly(1, 2, 3) })!;
    expect(f.projected).toBe("3.0000");
    expect(f.isOffPace).toBe(false);
  });

  it("checks a threshold at the cycle's end", () => {
    const f = forecastKeyResult({ ...cycle, type: "percent", direction: "keep_above", start: 99.9, target: 99.95, points: weekly("99.99", "99.98", "99.97") })!;
    expect(f.isOffPace).toBe(true);
    const steady = forecastKeyResult({ ...cycle, type: "percent", direction: "keep_above", start: 99.9, target: 99.95, points: weekly("99.97", "99.97", "99.97") })!;
    expect(steady.isOffPace).toBe(false);
  });

  it("is exact with decimals", () => {
    const f = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: "0", target: "1", points: weekly("0.1", "0.2", "0.3") })!;
    expect(f.perWeek).toBe("0.1000");
  });

  it("has nothing to say without check-ins, for yes/no, or with fewer than three check-ins", () => {
    expect(forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 10, points: [] })).toBeNull();
    expect(forecastKeyResult({ ...cycle, type: "yes_no", direction: "increase", start: 0, target: 1, points: weekly(0, 0, 1) })).toBeNull();
    expect(forecastKeyResult({ ...cycle, type: "initiatives", direction: "increase", start: 0, target: 4, points: weekly(0, 1, 2) })).toBeNull();
    expect(forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 10, points: [{ week: "2026-10-19", value: 3 }] })).toBeNull();
    expect(forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 10, points: weekly(2, 4) })).toBeNull();
  });

  it("has nothing to say when three check-ins span less than two weeks", () => {
    const crowded = [
      { week: "2026-10-12", value: 1 },
      { week: "2026-10-14", value: 2 },
      { week: "2026-10-19", value: 3 },
    ];
    expect(forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 10, points: crowded })).toBeNull();
    const spread = [...crowded, { week: "2026-10-26", value: 4 }];
    expect(forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 10, points: spread })).not.toBeNull();
  });

  it("widens a recent window that holds too few check-ins back towards the first one", () => {
    // Two check-ins long ago, one lately: the six-week window alone holds one, so the pace reaches back for three.
    const points = [
      { week: "2026-10-12", value: 10 },
      { week: "2026-10-19", value: 20 },
      { week: "2026-12-07", value: 30 },
    ];
    const f = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 100, points })!;
    expect(f.weeks).toBe(9);
  });

  it("never calls a projection that reaches the target off pace, whatever the values", () => {
    const value = fc.integer({ min: 0, max: 1000 });
    fc.assert(
      fc.property(fc.array(value, { minLength: 3, maxLength: 10 }), fc.integer({ min: 1, max: 1000 }), (values, target) => {
        const f = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target, points: weekly(...values) });
        expect(f).not.toBeNull();
        expect(f!.isOffPace).toBe(Number(f!.projected) < target);
      }),
    );
  });
});

describe("explainForecast", () => {
  it("says where the pace leads, by when, and whether that is enough", () => {
    const slow = forecastKeyResult({ ...cycle, type: "number", direction: "decrease", start: 480, target: 250, points: weekly(470, 460, 450) })!;
    expect(explainForecast(slow, { type: "number", direction: "decrease", unit: "ms", target: "250" })).toBe(
      "At the pace of the last 3 weeks, this reaches 361 ms by 27 Dec 2026, short of the target of 250 ms: off pace.",
    );
    const fast = forecastKeyResult({ ...cycle, type: "currency", direction: "increase", start: 0, target: 100, points: weekly(10, 20, 30) })!;
    expect(explainForecast(fast, { type: "currency", direction: "increase", unit: "€", target: "100" })).toBe(
      "At the pace of the last 3 weeks, this reaches €119 by 27 Dec 2026: on pace for the target of €100.",
    );
    const precise = forecastKeyResult({ ...cycle, type: "percent", direction: "keep_above", start: "99.9", target: "99.95", points: weekly("99.99", "99.98", "99.97") })!;
    expect(explainForecast(precise, { type: "percent", direction: "keep_above", unit: "%", target: "99.95" })).toBe(
      "At the pace of the last 3 weeks, this reaches 99.88% by 27 Dec 2026, no longer above 99.95%: off pace.",
    );
    const milestones = forecastKeyResult({ ...cycle, type: "milestone", direction: "increase", start: 0, target: 4, points: weekly(0, 1, 1) })!;
    expect(explainForecast(milestones, { type: "milestone", direction: "increase", unit: "", target: "4", milestones: ["a", "b", "c", "d"] })).toBe(
      "At the pace of the last 3 weeks, this reaches 4 of 4 milestones by 27 Dec 2026: on pace.",
    );
  });

  it("agrees with the owner's confidence, or says why not", () => {
    const slow = forecastKeyResult({ ...cycle, type: "number", direction: "decrease", start: 480, target: 250, points: weekly(470, 460, 450) })!;
    const fast = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 100, points: weekly(10, 20, 30) })!;
    const kr = { type: "number", direction: "increase", unit: "", target: "100" } as const;
    expect(explainForecast(fast, { ...kr, confidence: "on_track" })).toBe("At the pace of the last 3 weeks, this reaches 119 by 27 Dec 2026: on pace for the target of 100.");
    expect(explainForecast(fast, { ...kr, confidence: "at_risk" })).toBe(
      "At the pace of the last 3 weeks, this reaches 119 by 27 Dec 2026: on track by pace for the target of 100, though the owner says at risk.",
    );
    const down = { type: "number", direction: "decrease", unit: "ms", target: "250" } as const;
    expect(explainForecast(slow, { ...down, confidence: "on_track" })).toBe(
      "At the pace of the last 3 weeks, this reaches 361 ms by 27 Dec 2026, short of the target of 250 ms: off pace, though the owner says on track.",
    );
    expect(explainForecast(slow, { ...down, confidence: "off_track" })).toBe("At the pace of the last 3 weeks, this reaches 361 ms by 27 Dec 2026, short of the target of 250 ms: off pace.");
    // "At risk" and "off pace" both say there is a problem: nothing to reconcile.
    expect(explainForecast(slow, { ...down, confidence: "at_risk" })).not.toMatch(/though/);
  });
});
