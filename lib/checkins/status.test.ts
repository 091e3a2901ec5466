import { describe, expect, it } from "vitest";
import { localClock, weekState } from "./status";

const week = new Date("2026-11-23T00:00:00Z"); // a Monday

describe("weekState", () => {
  it("is checked in once every key result is", () => {
    expect(weekState({ week, now: new Date("2026-11-27T10:00:00Z"), timeZone: "UTC", due: 2, done: 2 })).toBe("checked_in");
  });
  it("is due on the Monday and overdue from Tuesday, on the person's own calendar", () => {
    expect(weekState({ week, now: new Date("2026-11-23T22:30:00Z"), timeZone: "UTC", due: 2, done: 1 })).toBe("due_today");
    // 22:30 UTC on Monday is already Tuesday in Helsinki.
    expect(weekState({ week, now: new Date("2026-11-23T22:30:00Z"), timeZone: "Europe/Helsinki", due: 2, done: 1 })).toBe("overdue");
    expect(weekState({ week, now: new Date("2026-11-22T12:00:00Z"), timeZone: "UTC", due: 1, done: 0 })).toBe("not_due");
  });
});

describe("localClock", () => {
  it("gives the weekday and hour where the person is", () => {
    expect(localClock(new Date("2026-11-23T08:15:00Z"), "Europe/Stockholm")).toEqual({ weekday: 1, hour: 9 });
    expect(localClock(new Date("2026-11-23T08:15:00Z"), "America/New_York")).toEqual({ weekday: 1, hour: 3 });
    expect(localClock(new Date("2026-11-22T23:30:00Z"), "Asia/Tokyo")).toEqual({ weekday: 1, hour: 8 });
  });
});
