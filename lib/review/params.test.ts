import { describe, expect, it } from "vitest";
import { isoDate } from "@/lib/dates/week";
import { parseReviewParams } from "./params";

const cycle = { startDate: new Date("2026-10-12T00:00:00Z"), endDate: new Date("2027-01-10T00:00:00Z") };
const today = new Date("2026-11-24T15:00:00Z");

describe("parseReviewParams", () => {
  it("defaults to a week ago", () => {
    const { since, problems } = parseReviewParams({}, cycle, today);
    expect(isoDate(since)).toBe("2026-11-17");
    expect(problems).toEqual([]);
  });

  it("keeps a valid date and team", () => {
    const { since, teamId } = parseReviewParams({ since: "2026-11-01", team: "0195d3a0-0000-7000-8000-000000000000" }, cycle, today);
    expect(isoDate(since)).toBe("2026-11-01");
    expect(teamId).toBe("0195d3a0-0000-7000-8000-000000000000");
  });

  it("explains a malformed date, a date outside the cycle and a bad team, and falls back", () => {
    expect(parseReviewParams({ since: "2026-13-01" }, cycle, today).problems[0]).toMatch(/not a date/);
    const outside = parseReviewParams({ since: "2026-01-01" }, cycle, today);
    expect(outside.problems[0]).toMatch(/outside this cycle/);
    expect(isoDate(outside.since)).toBe("2026-11-17");
    expect(parseReviewParams({ team: "sales" }, cycle, today).problems[0]).toMatch(/not a team id/);
    const future = parseReviewParams({ since: "2026-12-01" }, cycle, today);
    expect(future.problems[0]).toMatch(/2026-12-01 has not happened yet; showing changes since 2026-11-17/);
    expect(isoDate(future.since)).toBe("2026-11-17");
    expect(parseReviewParams({ since: "2026-11-24" }, cycle, today).problems).toEqual([]);
  });

  it("keeps the default inside a cycle that just started or already ended", () => {
    expect(isoDate(parseReviewParams({}, { startDate: new Date("2026-11-23T00:00:00Z"), endDate: cycle.endDate }, today).since)).toBe("2026-11-23");
    expect(isoDate(parseReviewParams({}, { startDate: new Date("2026-07-01T00:00:00Z"), endDate: new Date("2026-09-30T00:00:00Z") }, today).since)).toBe("2026-09-30");
  });
});
