import ExcelJS from "exceljs";
import Papa from "papaparse";

/** Keel's template: one row per key result, the objective repeated; every header is one autoMap recognises. */
export const KEEL_TEMPLATE_HEADERS = [
  "Objective",
  "Why it matters",
  "Key result",
  "Owner email",
  "Key result owner email",
  "Team",
  "Level",
  "Start",
  "Target",
  "Current",
  "Unit",
  "Parent objective",
];

// Owners and teams are left empty: the importer owns such rows, and no example name could exist in every organisation.
const EXAMPLE_ROWS = [
  ["New customers succeed in their first week", "Customers who see value early stay; churn starts in week one.", "Activation rate", "", "", "", "company", "20", "35", "24", "%", ""],
  ["New customers succeed in their first week", "", "Days to first report", "", "", "", "company", "14", "3", "10", "days", ""],
];

export function templateCsv(): string {
  return Papa.unparse([KEEL_TEMPLATE_HEADERS, ...EXAMPLE_ROWS], { newline: "\r\n" });
}

export async function templateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("OKRs");
  sheet.addRow(KEEL_TEMPLATE_HEADERS).font = { bold: true };
  // Numbers as numbers, so Excel lines them up and sums them as a person editing the template expects.
  for (const row of EXAMPLE_ROWS) sheet.addRow(row.map((cell) => (/^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell)));
  sheet.columns.forEach((column) => (column.width = 24));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
