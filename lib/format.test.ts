import { afterEach, describe, expect, it } from "vitest";
import {
  CONFIDENCE_LABEL,
  DIRECTION_LABEL,
  formatConfidence,
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatMilestoneLabel,
  formatNumber,
  formatObjectivePlace,
  formatPlainNumber,
  formatRelative,
  formatValue,
  formatWeek,
  plural,
} from "./format";

describe("formatValue", () => {
  it("writes each key-result type the way people read it", () => {
    expect(formatValue("412", { type: "number", unit: "ms" })).toBe("412 ms");
    expect(formatValue("12", { type: "number", unit: "" })).toBe("12");
    expect(formatValue("99.95", { type: "percent", unit: "%" })).toBe("99.95%");
    expect(formatValue("9717000", { type: "currency", unit: "€" })).toBe("€9,717,000");
    expect(formatValue("1250.5", { type: "currency", unit: "CHF" })).toBe("CHF1,250.5");
    expect(formatValue("2", { type: "milestone", unit: "", milestones: ["a", "b", "c", "d"] })).toBe("2 of 4 milestones");
    expect(formatValue("1", { type: "milestone", unit: "", target: "1" })).toBe("1 of 1 milestone");
    expect(formatValue("0", { type: "milestone", unit: "", targetValue: "3" })).toBe("0 of 3 milestones");
    expect(formatValue("1", { type: "yes_no", unit: "" })).toBe("Done");
    expect(formatValue("0", { type: "yes_no", unit: "" })).toBe("Not yet");
  });

  it("reads the same whatever the direction: the direction is said beside the value", () => {
    for (const direction of ["increase", "decrease", "keep_above", "keep_below"] as const) {
      expect(formatValue("250.0000", { type: "number", unit: "ms" })).toBe("250 ms");
      expect(DIRECTION_LABEL[direction]).toMatch(/^(Increase to|Decrease to|Keep above|Keep below)$/);
    }
    expect(DIRECTION_LABEL.keep_below).toBe("Keep below");
  });

  it("is exact with stored decimals and large values", () => {
    expect(formatValue("365.5000", { type: "number", unit: "ms" })).toBe("365.5 ms");
    expect(formatValue("1234567890123456.1234", { type: "number", unit: "" })).toBe("1,234,567,890,123,456.1234");
    expect(formatValue("-2.50", { type: "number", unit: "" })).toBe("-2.5");
    expect(formatValue(0.1 + 0.2, { type: "number", unit: "" })).toBe("0.3");
    expect(formatNumber("-0.0000")).toBe("0");
    expect(formatPlainNumber("9717000.5000")).toBe("9717000.5");
    expect(formatPlainNumber("42.5000")).toBe("42.5");
  });
});

describe("the names of things", () => {
  it("names confidences once, and says when there is none", () => {
    expect(CONFIDENCE_LABEL.at_risk).toBe("At risk");
    expect(formatConfidence("off_track")).toBe("Off track");
    expect(formatConfidence(null)).toBe("No check-in yet");
  });

  it("never calls a personal objective a company one", () => {
    expect(formatObjectivePlace({ level: "personal", team: null })).toBe("Personal");
    expect(formatObjectivePlace({ level: "company", team: null })).toBe("Company");
    expect(formatObjectivePlace({ level: "team", team: { name: "Platform" } })).toBe("Platform");
    expect(formatObjectivePlace({ level: "personal", team: { name: "Platform" } })).toBe("Platform · personal");
  });

  it("agrees the word with the count", () => {
    expect(plural(1, "objective")).toBe("1 objective");
    expect(plural(0, "objective")).toBe("0 objectives");
    expect(plural(2, "person", "people")).toBe("2 people");
  });

  it("labels milestone counts with the last one reached", () => {
    expect(formatMilestoneLabel(2, ["Design", "Build", "Ship"])).toBe("2 of 3: Build");
    expect(formatMilestoneLabel(0, ["Design"])).toBe("0 of 1: none reached yet");
  });
});

describe("dates", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  // Late on a UTC day: a formatter reading local time would print the next or previous day somewhere.
  const late = new Date("2026-12-03T23:30:00Z");
  const sample = () => [formatDate(late), formatDate("2026-12-03"), formatWeek("2026-11-23"), formatDateTime(late), formatIsoDate(late), formatRelative(new Date("2026-10-01T23:30:00Z"), late)];

  it("writes days, weeks and moments", () => {
    expect(sample()).toEqual(["3 Dec 2026", "3 Dec 2026", "23 Nov", "3 Dec 2026, 23:30 UTC", "2026-12-03", "1 Oct 2026"]);
  });

  it("prints the same in any process time zone", () => {
    const expected = sample();
    for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata", "UTC"]) {
      process.env.TZ = tz;
      expect(sample(), tz).toEqual(expected);
    }
  });

  it("says how long ago", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(formatRelative(new Date("2026-11-24T11:00:00Z"), now)).toBe("1 hour ago");
    expect(formatRelative(new Date("2026-11-21T12:00:00Z"), now)).toBe("3 days ago");
  });
});
