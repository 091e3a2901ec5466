import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addWeeks, isoDate } from "@/lib/dates/week";
import { explainForecast, forecastKeyResult } from "./index";

// A 12-week cycle starting on a Monday: 84 days, the last one a Sunday.
const cycle = { cycleStart: "2026-10-05", cycleEnd: "2026-12-27" };
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

  it("draws the line from the start value when there is only one check-in", () => {
    const f = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 12, points: [{ week: "2026-10-19", value: 2 }] })!;
    // 2 in 14 days from 0: 1 per week, so 83 days give 83/7.
    expect(f.projected).toBe("11.8571");
    expect(f.isOffPace).toBe(true);
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
    const steady = forecastKeyResult({ ...cycle, type: "percent", direction: "keep_above", start: 99.9, target: 99.95, points: weekly("99.97", "99.97") })!;
    expect(steady.isOffPace).toBe(false);
  });

  it("is exact with decimals", () => {
    const f = forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: "0", target: "1", points: weekly("0.1", "0.2", "0.3") })!;
    expect(f.perWeek).toBe("0.1000");
  });

  it("has nothing to say without check-ins, for yes/no, or with one check-in in the first week", () => {
    expect(forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 10, points: [] })).toBeNull();
    expect(forecastKeyResult({ ...cycle, type: "yes_no", direction: "increase", start: 0, target: 1, points: weekly(0, 1) })).toBeNull();
    expect(forecastKeyResult({ ...cycle, type: "number", direction: "increase", start: 0, target: 10, points: [{ week: "2026-10-05", value: 3 }] })).toBeNull();
  });

  it("never calls a projection that reaches the target off pace, whatever the values", () => {
    const value = fc.integer({ min: 0, max: 1000 });
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 10 }), fc.integer({ min: 1, max: 1000 }), (values, target) => {
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
});
