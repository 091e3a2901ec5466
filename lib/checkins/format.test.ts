import { describe, expect, it } from "vitest";
import { formatValue } from "./format";

describe("formatValue", () => {
  it("writes values the way people read them, exactly", () => {
    expect(formatValue("8250000", { type: "currency", unit: "€" })).toBe("€8,250,000");
    expect(formatValue("365.5000", { type: "number", unit: "ms" })).toBe("365.5 ms");
    expect(formatValue("49", { type: "percent", unit: "%" })).toBe("49%");
    expect(formatValue("1234567890123456.1234", { type: "number", unit: "" })).toBe("1,234,567,890,123,456.1234");
    expect(formatValue("-2.50", { type: "number", unit: "" })).toBe("-2.5");
    expect(formatValue("2", { type: "milestone", unit: "", milestones: ["a", "b", "c", "d"] })).toBe("2 of 4");
    expect(formatValue("1", { type: "yes_no", unit: "" })).toBe("Yes");
  });
});
