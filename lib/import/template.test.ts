import { describe, expect, it } from "vitest";
import { autoMap } from "./mapping";
import { parseCsv, parseXlsx } from "./parse";
import { KEEL_TEMPLATE_HEADERS, templateCsv, templateXlsx } from "./template";

describe("the template", () => {
  it("reads back the same from CSV and from Excel, every column matched", async () => {
    const fromCsv = parseCsv(templateCsv());
    const fromXlsx = await parseXlsx(await templateXlsx());
    expect(fromCsv.headers).toEqual(KEEL_TEMPLATE_HEADERS);
    expect(fromXlsx).toEqual(fromCsv);
    expect(Object.values(autoMap(fromCsv.headers)).filter((column) => column !== null)).toHaveLength(KEEL_TEMPLATE_HEADERS.length);
  });
});
