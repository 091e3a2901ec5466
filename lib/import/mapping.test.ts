import { describe, expect, it } from "vitest";
import { autoMap, columnLetter, MappingSchema, mappingProblems, type Mapping } from "./mapping";
import { KEEL_TEMPLATE_HEADERS } from "./template";

const fieldsOf = (headers: string[], mapping: Mapping) =>
  Object.fromEntries(Object.entries(mapping).filter(([, i]) => i !== null).map(([f, i]) => [f, headers[i as number]]));

describe("automatic column matching", () => {
  it("maps every column of Keel's own template", () => {
    const mapping = autoMap(KEEL_TEMPLATE_HEADERS);
    expect(fieldsOf(KEEL_TEMPLATE_HEADERS, mapping)).toEqual({
      objective: "Objective",
      why: "Why it matters",
      keyResult: "Key result",
      owner: "Owner email",
      keyResultOwner: "Key result owner email",
      team: "Team",
      level: "Level",
      start: "Start",
      target: "Target",
      current: "Current",
      unit: "Unit",
      parent: "Parent objective",
    });
  });

  it("maps a Viva Goals-style export: one Title column and a Type column", () => {
    const headers = ["Title", "Type", "Owner", "Team", "Parent", "Start", "Target", "Current", "Metric", "Description", "Progress", "Status"];
    expect(fieldsOf(headers, autoMap(headers))).toEqual({
      objective: "Title",
      rowType: "Type",
      owner: "Owner",
      team: "Team",
      parent: "Parent",
      start: "Start",
      target: "Target",
      current: "Current",
      unit: "Metric",
      why: "Description",
    });
  });

  it("maps Quantive's Excel utility columns, whatever their case and punctuation", () => {
    const headers = ["Objective Name", "Key Result Name", "Owner Email", "Team", "Start Value", "Target Value", "Current Value", "Unit", "Aligned To", "Key Result Owner"];
    expect(fieldsOf(headers, autoMap(headers))).toEqual({
      objective: "Objective Name",
      keyResult: "Key Result Name",
      owner: "Owner Email",
      keyResultOwner: "Key Result Owner",
      team: "Team",
      start: "Start Value",
      target: "Target Value",
      current: "Current Value",
      unit: "Unit",
      parent: "Aligned To",
    });
  });

  it("leaves unknown headers unmapped rather than guessing", () => {
    const mapping = autoMap(["Goal statement", "Quarter", "Owner's manager"]);
    expect(Object.values(mapping).every((v) => v === null)).toBe(true);
  });
});

describe("a mapping from input", () => {
  it("parses column numbers and fills absent fields with null", () => {
    const parsed = MappingSchema.parse({ objective: 0, target: 2 });
    expect(parsed).toMatchObject({ objective: 0, target: 2, keyResult: null, rowType: null });
  });

  it("refuses unknown fields and non-numbers", () => {
    expect(MappingSchema.safeParse({ objective: 0, shoeSize: 1 }).success).toBe(false);
    expect(MappingSchema.safeParse({ objective: "A" }).success).toBe(false);
  });

  it("says when a column is read twice, is missing, or the objective has no column", () => {
    const mapping = MappingSchema.parse({ target: 1, start: 1, unit: 7 });
    expect(mappingProblems(mapping, 3).map((p) => `${p.field}: ${p.message}`)).toEqual([
      "target: That column is already read as Start",
      "unit: The file has no column 8",
      "objective: Choose the column that holds the objectives' titles",
    ]);
  });

  it("names columns by their letters", () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
  });
});
