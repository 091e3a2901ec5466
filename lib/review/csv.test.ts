import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "./csv";

describe("csvRow", () => {
  it("quotes what needs quoting and leaves numbers alone", () => {
    expect(csvRow(["plain", 'say "hi"', "a,b", "two\nlines", -12.5, null])).toBe('plain,"say ""hi""","a,b","two\nlines",-12.5,\r\n');
  });
  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvRow(["=HYPERLINK(1)", "@cmd", "-5"])).toBe("'=HYPERLINK(1),'@cmd,-5\r\n");
  });
  it("defuses text that starts like a negative number but goes on as a formula", () => {
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1e3")).toBe("'-1e3");
    expect(csvField("\t=1")).toBe("\"'\t=1\"");
    expect(csvField("\r=1")).toBe("\"'\r=1\"");
  });
  it("keeps plain numbers, given as numbers or as text, as numbers", () => {
    expect(csvRow([-3, "-3", "-0.25", "42", 1.5])).toBe("-3,-3,-0.25,42,1.5\r\n");
  });
  it("quotes cells holding a semicolon or a tab, which some spreadsheets split on", () => {
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField("a\tb")).toBe('"a\tb"');
  });
});
