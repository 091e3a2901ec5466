import { describe, expect, it } from "vitest";
import { csvRow } from "./csv";

describe("csvRow", () => {
  it("quotes what needs quoting and leaves numbers alone", () => {
    expect(csvRow(["plain", 'say "hi"', "a,b", "two\nlines", -12.5, null])).toBe('plain,"say ""hi""","a,b","two\nlines",-12.5,\r\n');
  });
  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvRow(["=HYPERLINK(1)", "@cmd", "-5"])).toBe("'=HYPERLINK(1),'@cmd,-5\r\n");
  });
});
