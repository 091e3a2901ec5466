import { describe, expect, it } from "vitest";
import { addYears, isoDate, mondayOf, parseIsoDate, weekOf, yearProblem } from "./week";

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

  it("parses only years from 1970 to 2200, and says so", () => {
    for (const outside of ["0000-01-01", "1969-12-31", "2201-01-01", "9999-12-31"]) {
      expect(parseIsoDate(outside)).toBeNull();
      expect(yearProblem(outside)).toMatch(/1970 to 2200/);
    }
    expect(parseIsoDate("1970-01-01")?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(parseIsoDate("2200-12-31")?.toISOString()).toBe("2200-12-31T00:00:00.000Z");
    expect(yearProblem("2026-02-30")).toBeNull();
  });

  it("adds whole years on the calendar", () => {
    expect(isoDate(addYears(new Date("2026-01-01T00:00:00Z"), 2))).toBe("2028-01-01");
    expect(isoDate(addYears(new Date("2028-02-29T00:00:00Z"), 2))).toBe("2030-03-01");
  });
});
