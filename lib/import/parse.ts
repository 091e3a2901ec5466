import ExcelJS from "exceljs";
import Papa from "papaparse";
import { AppError } from "@/lib/errors";
import { unsafeTextProblem } from "@/lib/http/schemas";
import { MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS } from "./limits";
import { columnLetter } from "./mapping";

export { MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS };
/**
 * An .xlsx is a zip: 5 MB of it can unpack to gigabytes. The sizes its directory declares are added up before
 * anything is unpacked; a real sheet of 10,000 rows unpacks to a few megabytes.
 */
const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

export type ImportFormat = "csv" | "xlsx";

export interface SheetRow {
  /** The row's number as a spreadsheet shows it: the header is usually row 1. */
  number: number;
  cells: string[];
}

export interface Sheet {
  headers: string[];
  /** Rows after the header that hold anything; blank rows are left out but keep their numbers. */
  rows: SheetRow[];
}

/** A file Keel cannot read at all; problems with its rows come later, from validation. */
function unreadable(message: string): AppError {
  return new AppError("validation", message, { file: [message] });
}

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export function assertFileSize(byteLength: number): void {
  if (byteLength === 0) throw unreadable("The file is empty");
  if (byteLength > MAX_FILE_BYTES) throw unreadable(`The file is ${(byteLength / 1024 / 1024).toFixed(1)} MB; Keel imports files of at most ${MB(MAX_FILE_BYTES)}. Split it into several files.`);
}

/** What the bytes are, whatever the file is called: an .xlsx is a zip archive, anything else is read as CSV text. */
export function detectFormat(bytes: Uint8Array): ImportFormat {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? "xlsx" : "csv";
}

export async function parseSpreadsheet(bytes: Uint8Array, format: ImportFormat = detectFormat(bytes)): Promise<Sheet> {
  assertFileSize(bytes.byteLength);
  return format === "xlsx" ? parseXlsx(bytes) : parseCsv(decodeText(bytes));
}

/** UTF-8 only, strictly: a file saved in a legacy code page would otherwise import with its accents garbled. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw unreadable("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”, or upload the .xlsx itself.");
  }
}

/** CSV text: comma, semicolon or tab separated (whichever the header line uses), quoted values may span lines. */
export function parseCsv(text: string): Sheet {
  assertFileSize(new TextEncoder().encode(text).byteLength);
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: guessDelimiter(body) });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) {
    const at = quoteError.row === undefined ? "" : `Row ${quoteError.row + 1}: `;
    throw unreadable(`${at}a quoted value is never closed, so the rest of the file cannot be read. Check the quotes on that row.`);
  }
  // Each record is a row as a spreadsheet would show it, even when a quoted value spans several lines of text.
  return toSheet(parsed.data.map((cells, index) => ({ number: index + 1, cells })));
}

/**
 * The separator the header line uses most, outside quotes: headers are plain names, so their separators are the
 * file's. (Papa Parse's own guess weighs every line and is thrown off by short files and blank lines.)
 */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, 64 * 1024).split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let isQuoted = false;
  for (const ch of firstLine) {
    if (ch === '"') isQuoted = !isQuoted;
    else if (!isQuoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

export async function parseXlsx(bytes: Uint8Array): Promise<Sheet> {
  const unzipped = declaredUnzippedSize(bytes);
  if (unzipped === null) throw unreadable("The file is not a readable .xlsx workbook. Save it again from Excel, or export it as CSV UTF-8.");
  if (unzipped > MAX_UNZIPPED_BYTES) throw unreadable(`The workbook unpacks to more than ${MB(MAX_UNZIPPED_BYTES)}; Keel imports smaller workbooks. Split it into several files.`);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it reads either way.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable("The file is not a readable .xlsx workbook. Save it again from Excel, or export it as CSV UTF-8.");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable("The workbook has no sheet");
  // Counted before reading cells, so a sheet of a million rows is refused without building a million rows.
  if (sheet.actualRowCount > MAX_ROWS + 1) throw tooManyRows(sheet.actualRowCount - 1);
  const rows: SheetRow[] = [];
  // Only rows and cells that exist: a sheet styled down to row 1,048,576 still holds just its data.
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > MAX_COLUMNS) throw tooManyColumns(column);
      cells[column - 1] = cellText(cell.value, cell.numFmt);
    });
    rows.push({ number, cells: Array.from(cells, (c) => c ?? "") });
  });
  return toSheet(rows);
}

function tooManyRows(count: number): AppError {
  return unreadable(`The file has ${count.toLocaleString("en")} rows below its header; Keel imports at most ${MAX_ROWS.toLocaleString("en")} at once. Split it into several files.`);
}

function tooManyColumns(count: number): AppError {
  return unreadable(`The file has ${count} columns; Keel reads at most ${MAX_COLUMNS}. Delete the columns you do not import.`);
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");

/** The first row holding anything is the header; rows after it that hold anything are data. */
function toSheet(all: SheetRow[]): Sheet {
  const headerAt = all.findIndex((r) => !isBlank(r.cells));
  const header = all[headerAt];
  if (!header) throw unreadable("The file has no rows");
  let width = header.cells.length;
  while (width > 0 && header.cells[width - 1]!.trim() === "") width--;
  if (width > MAX_COLUMNS) throw tooManyColumns(width);
  const headers = header.cells.slice(0, width).map((h, i) => {
    const problem = unsafeTextProblem(h);
    if (problem) throw unreadable(`Row ${header.number}, column ${columnLetter(i)}: the header ${problem}`);
    return h.trim() || `Column ${columnLetter(i)}`;
  });
  const rows = all.slice(headerAt + 1).filter((r) => !isBlank(r.cells.slice(0, width)));
  if (rows.length > MAX_ROWS) throw tooManyRows(rows.length);
  return { headers, rows: rows.map((r) => ({ number: r.number, cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? "") })) };
}

/**
 * A cell as the text a person sees in it. Formulas are never evaluated: their cached result is read, as Excel saved
 * it, and a formula without one reads as empty. Percent-formatted numbers read as "45%", as displayed, not 0.45.
 */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numFmt?.includes("%") ? `${plainNumber(value * 100)}%` : plainNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return isoDate(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("error" in value) return String(value.error);
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined || (typeof result === "object" && result !== null && "formula" in result) ? "" : cellText(result, numFmt);
  }
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue, numFmt);
  return "";
}

/** Binary floating point as a person wrote it: 0.1 + 0.2 reads 0.3, 1200 reads 1200 (never 1.2e3 for everyday numbers). */
function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  return String(Number(n.toPrecision(15)));
}

function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/**
 * The total size the zip's central directory declares for its files, or null when the bytes are not a zip Keel
 * can account for (no directory, or ZIP64, which no 5 MB workbook needs).
 */
export function declaredUnzippedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let p = view.getUint32(at + 16, true);
    if (entries === 0xffff || p === 0xffffffff) return null;
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
      const size = view.getUint32(p + 24, true);
      if (size === 0xffffffff) return null;
      total += size;
      p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    return total;
  }
  return null;
}
