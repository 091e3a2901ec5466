// A cell that is one plain decimal number is data in every spreadsheet; anything else beginning like this is
// evaluated as a formula by at least one of them (OWASP "CSV injection").
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r\n]/;
// Excel splits on ";" and tab in some locales; RFC 4180 needs quotes for the rest.
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * One CSV field. Numbers are written as they are; text is written as text: a leading `'` when a spreadsheet would
 * otherwise run it as a formula (so "-2+3+cmd|..." stays words), quoted when it holds a separator, quote or line break.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
