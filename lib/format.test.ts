import { describe, expect, it } from "vitest";
import { formatMeasure, formatRelative } from "./format";

describe("formatMeasure", () => {
  it("writes values the way people read them", () => {
    expect(formatMeasure("9717000", { type: "currency", unit: "€" })).toBe("€9,717,000");
    expect(formatMeasure("99.95", { type: "percent", unit: "%" })).toBe("99.95%");
    expect(formatMeasure("412", { type: "number", unit: "ms" })).toBe("412 ms");
    expect(formatMeasure("2", { type: "milestone", unit: "", targetValue: "3" })).toBe("2 of 3 milestones");
    expect(formatMeasure("1", { type: "yes_no", unit: "" })).toBe("Done");
  });
});

describe("formatRelative", () => {
  it("says how long ago", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(formatRelative(new Date("2026-11-24T11:00:00Z"), now)).toBe("1 hour ago");
    expect(formatRelative(new Date("2026-11-21T12:00:00Z"), now)).toBe("3 days ago");
  });
});
