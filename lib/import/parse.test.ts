import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cellText, declaredUnzippedSize, detectFormat, MAX_FILE_BYTES, MAX_ROWS, parseCsv, parseSpreadsheet, parseXlsx } from "./parse";

const utf8 = (text: string) => new TextEncoder().encode(text);

async function xlsx(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet("OKRs"), workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function refusal(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error("expected the file to be refused");
}

describe("CSV", () => {
  it("reads comma-separated text with a BOM, quoted commas and a quoted line break, numbering rows as a spreadsheet does", () => {
    const sheet = parseCsv('\uFEFFObjective,Key result,Target\n"Grow, fast","Line one\nline two",10\n\nShip,Launch,1\n');
    expect(sheet.headers).toEqual(["Objective", "Key result", "Target"]);
    expect(sheet.rows).toEqual([
      { number: 2, cells: ["Grow, fast", "Line one\nline two", "10"] },
      { number: 4, cells: ["Ship", "Launch", "1"] },
    ]);
  });

  it("reads semicolon-separated files, as Excel saves them where the comma is the decimal mark", () => {
    const sheet = parseCsv("Objective;Target\nGrow;1200\n");
    expect(sheet.headers).toEqual(["Objective", "Target"]);
    expect(sheet.rows[0]?.cells).toEqual(["Grow", "1200"]);
  });

  it("pads short rows and names empty headers by their column letter", () => {
    const sheet = parseCsv("Objective,,Target\nGrow\n");
    expect(sheet.headers).toEqual(["Objective", "Column B", "Target"]);
    expect(sheet.rows[0]?.cells).toEqual(["Grow", "", ""]);
  });

  it("refuses a quote that never closes, naming the row", async () => {
    expect(await refusal(() => parseCsv('Objective,Target\nGrow,10\n"Broken,5\nMore,6\n'))).toMatch(/^Row 3: a quoted value is never closed/);
  });

  it("refuses text that is not UTF-8 rather than importing garbled names", async () => {
    const latin1 = new Uint8Array([...utf8("Objective\nCaf"), 0xe9, 0x0a]);
    expect(await refusal(() => parseSpreadsheet(latin1))).toMatch(/not UTF-8 text/);
  });

  it("refuses a header with a NUL character", async () => {
    expect(await refusal(() => parseCsv("Objective,Tar\u0000get\nGrow,1\n"))).toBe("Row 1, column B: the header cannot contain a NUL character");
  });

  it("refuses an empty file, one over the size limit, and one with more than 10,000 rows", async () => {
    expect(await refusal(() => parseSpreadsheet(new Uint8Array()))).toBe("The file is empty");
    expect(await refusal(() => parseSpreadsheet(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41)))).toMatch(/Keel imports files of at most 5 MB/);
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `Objective ${i},${i}`).join("\n");
    expect(await refusal(() => parseCsv(`Objective,Target\n${rows}\n`))).toBe("The file has 10,001 rows below its header; Keel imports at most 10,000 at once. Split it into several files.");
    expect(parseCsv(`Objective,Target\n${rows.split("\n").slice(1).join("\n")}\n`).rows).toHaveLength(MAX_ROWS);
  });
});

describe("XLSX", () => {
  it("reads the first sheet's values as the text a person sees: rich text, formulas' saved results, dates, percentages", async () => {
    const bytes = await xlsx((sheet, workbook) => {
      sheet.addRow(["Objective", "Key result", "Start", "Target", "Current", "Due"]);
      const row = sheet.addRow(["", "", 0.1, { formula: "A1*0", result: 1200 }, 0.45, new Date(Date.UTC(2027, 2, 31))]);
      row.getCell(1).value = { richText: [{ text: "Grow " }, { font: { bold: true }, text: "revenue" }] };
      row.getCell(2).value = { text: "Win deals", hyperlink: "https://example.com" };
      row.getCell(5).numFmt = "0%";
      sheet.addRow(["Formula never saved", "", "", { formula: "1+1" }]);
      workbook.addWorksheet("Ignored").addRow(["Not read"]);
    });
    expect(detectFormat(bytes)).toBe("xlsx");
    const sheet = await parseSpreadsheet(bytes);
    expect(sheet.headers).toEqual(["Objective", "Key result", "Start", "Target", "Current", "Due"]);
    expect(sheet.rows).toEqual([
      { number: 2, cells: ["Grow revenue", "Win deals", "0.1", "1200", "45%", "2027-03-31"] },
      { number: 3, cells: ["Formula never saved", "", "", "", "", ""] },
    ]);
  });

  it("keeps spreadsheet row numbers across blank rows", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.getCell("A1").value = "Objective";
      sheet.getCell("A4").value = "Grow";
    });
    expect((await parseXlsx(bytes)).rows).toEqual([{ number: 4, cells: ["Grow"] }]);
  });

  it("refuses bytes that only look like a workbook, and sheets over the row limit", async () => {
    expect(await refusal(() => parseXlsx(utf8("PK\u0003\u0004 not really a zip")))).toMatch(/not a readable \.xlsx workbook/);
    const big = await xlsx((sheet) => {
      sheet.addRow(["Objective"]);
      for (let i = 0; i <= MAX_ROWS; i++) sheet.addRow([`Objective ${i}`]);
    });
    expect(await refusal(() => parseXlsx(big))).toMatch(/10,001 rows below its header/);
  });

  it("adds up the sizes a workbook declares before unpacking it", async () => {
    const bytes = await xlsx((sheet) => sheet.addRow(["Objective"]));
    expect(declaredUnzippedSize(bytes)).toBeGreaterThan(bytes.byteLength);
    expect(declaredUnzippedSize(utf8("no zip here"))).toBeNull();
  });
});

describe("cellText", () => {
  it("reads errors as their code and numbers without float noise", () => {
    expect(cellText({ error: "#N/A" } as ExcelJS.CellErrorValue)).toBe("#N/A");
    expect(cellText(0.1 + 0.2)).toBe("0.3");
    expect(cellText(true)).toBe("TRUE");
    expect(cellText(null)).toBe("");
  });
});
