import { describe, expect, it } from "vitest";
import { isoDate, mondayOf, parseIsoDate, weekOf } from "./week";

describe("weeks", () => {
  it("finds the Monday of the ISO week", () => {
    expect(isoDate(mondayOf(new Date("2026-11-24T00:00:00Z")))).toBe("2026-11-23");
    expect(isoDate(mondayOf(new Date("2026-11-29T00:00:00Z")))).toBe("2026-11-23");
    expect(isoDate(mondayOf(new Date("2026-11-23T00:00:00Z")))).toBe("2026-11-23");
  });

  it("uses the author's calendar: Monday morning in Sydney is still Sunday in UTC", () => {
    const instant = new Date("2026-11-22T22:30:00Z");
    expect(isoDate(weekOf(instant, "UTC"))).toBe("2026-11-16");
    expect(isoDate(weekOf(instant, "Australia/Sydney"))).toBe("2026-11-23");
  });

  it("parses only real dates", () => {
    expect(parseIsoDate("2026-02-30")).toBeNull();
    expect(parseIsoDate("2026-2-3")).toBeNull();
    expect(parseIsoDate("2026-02-28")?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });
});
