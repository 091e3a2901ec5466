import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyResultProgress } from "@/lib/progress";
import { INITIATIVE_STATUSES } from "./schemas";
import { describeTally, initiativesMeasure, isOverdue, tallyInitiatives } from "./tally";

describe("initiatives", () => {
  it("are overdue only while still to do and past their due day", () => {
    expect(isOverdue({ status: "planned", dueDate: "2027-01-10" }, "2027-01-11")).toBe(true);
    expect(isOverdue({ status: "in_progress", dueDate: "2027-01-10" }, "2027-01-11")).toBe(true);
    expect(isOverdue({ status: "in_progress", dueDate: "2027-01-11" }, "2027-01-11")).toBe(false);
    expect(isOverdue({ status: "done", dueDate: "2027-01-10" }, "2027-01-11")).toBe(false);
    expect(isOverdue({ status: "dropped", dueDate: "2027-01-10" }, "2027-01-11")).toBe(false);
    expect(isOverdue({ status: "planned", dueDate: null }, "2027-01-11")).toBe(false);
  });

  it("tally what the team page says", () => {
    const tally = tallyInitiatives(
      [
        { status: "done", dueDate: "2027-01-01" },
        { status: "planned", dueDate: "2027-01-01" },
        { status: "dropped", dueDate: null },
      ],
      "2027-01-05",
    );
    expect(tally).toEqual({ total: 3, done: 1, dropped: 1, overdue: 1 });
    expect(describeTally(tally)).toBe("3 initiatives, 1 overdue");
    expect(describeTally({ total: 1, overdue: 0 })).toBe("1 initiative");
    expect(describeTally({ total: 0, overdue: 0 })).toBe("No initiatives");
  });

  it("measure an initiatives-done key result as done out of those not dropped", () => {
    expect(initiativesMeasure([{ status: "done" }, { status: "in_progress" }, { status: "dropped" }])).toEqual({ current: 1, target: 2 });
    expect(initiativesMeasure([])).toEqual({ current: 0, target: 0 });
  });

  it("give a progress between 0 and 100 that is 100 exactly when every remaining initiative is done", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...INITIATIVE_STATUSES), { maxLength: 30 }), (statuses) => {
        const { current, target } = initiativesMeasure(statuses.map((status) => ({ status })));
        const { progress } = keyResultProgress({ type: "initiatives", direction: "increase", start: 0, target, current });
        expect(progress.greaterThanOrEqualTo(0) && progress.lessThanOrEqualTo(100)).toBe(true);
        const allDone = target > 0 && statuses.every((s) => s === "done" || s === "dropped");
        expect(progress.equals(100)).toBe(allDone);
      }),
    );
  });
});
