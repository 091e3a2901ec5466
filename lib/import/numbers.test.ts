import { describe, expect, it } from "vitest";
import { parseImportNumber } from "./numbers";

describe("numbers in cells", () => {
  it.each([
    ["1200", "1200", null],
    ["1,200", "1200", null],
    ["1 200 000.5", "1200000.5", null],
    ["45%", "45", "%"],
    ["€3.5", "3.5", "€"],
    ["3.5 €", "3.5", "€"],
    ["-$20", "-20", "$"],
    ["$-20", "-20", "$"],
    ["-0.25", "-0.25", null],
  ])("reads %s as %s (sign %s)", (raw, value, sign) => {
    expect(parseImportNumber(raw)).toEqual({ ok: true, value, sign });
  });

  it.each([
    ["1,5", "“1,5” is ambiguous: write 1.5 for one and a half, 1,500 for fifteen hundred"],
    ["n/a", "“n/a” is not a number"],
    ["12 users", "“12 users” is not a number"],
    ["€5%", "“€5%” is not a number"],
    ["1.23456", "Enter a number with at most 4 decimals, like 1250 or 99.95"],
    ["#N/A", "“#N/A” is not a number"],
  ])("refuses %s", (raw, problem) => {
    expect(parseImportNumber(raw)).toEqual({ ok: false, problem });
  });
});
