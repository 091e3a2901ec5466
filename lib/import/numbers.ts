import { DecimalSchema } from "@/lib/http/schemas";

/** Signs a number may carry in a spreadsheet cell; the sign becomes the key result's unit when the Unit cell is empty. */
export const UNIT_SIGNS = ["%", "€", "$", "£", "¥"] as const;
export type UnitSign = (typeof UNIT_SIGNS)[number];

export type ParsedNumber = { ok: true; value: string; sign: UnitSign | null } | { ok: false; problem: string };

const SPACES = /[\s\u00a0\u202f]/g;
const PLAIN = /^-?\d+(\.\d+)?$/;
/** Thousands grouped by commas or spaces: 1,200 or 1 200 000.5. */
const GROUPED = /^-?\d{1,3}([,\u00a0\u202f ]\d{3})+(\.\d+)?$/;

/**
 * A number from a spreadsheet cell, read the same way every time so the preview can say what it read:
 * - one sign is allowed: a currency sign before or after the number (€3.5, 3.5 €, -$20) or a % after it (45%);
 * - thousands may be grouped by commas or spaces (1,200 or 1 200); the decimal mark is the point;
 * - a comma that does not group thousands (1,5) is refused rather than guessed at, since it means 1.5 in half of
 *   Europe and 15 nowhere;
 * - then Keel's own decimal rule: up to 16 digits before the point and 4 after.
 */
export function parseImportNumber(raw: string): ParsedNumber {
  let text = raw.trim();
  if (text === "") return { ok: false, problem: "is empty" };
  let sign: UnitSign | null = null;
  let isNegative = false;
  // The minus may come before or after a leading currency sign: -€3 and €-3 are both minus three euros.
  if (text.startsWith("-")) {
    isNegative = true;
    text = text.slice(1).trimStart();
  }
  const first = text[0];
  if (first && first !== "%" && (UNIT_SIGNS as readonly string[]).includes(first)) {
    sign = first as UnitSign;
    text = text.slice(1).trimStart();
    if (!isNegative && text.startsWith("-")) {
      isNegative = true;
      text = text.slice(1).trimStart();
    }
  }
  const last = text[text.length - 1];
  if (!sign && last && (UNIT_SIGNS as readonly string[]).includes(last)) {
    sign = last as UnitSign;
    text = text.slice(0, -1).trimEnd();
  }
  let body: string;
  if (PLAIN.test(text)) body = text;
  else if (GROUPED.test(text)) body = text.replace(/[,\u00a0\u202f ]/g, "");
  else if (/^\d+,\d+$/.test(text.replace(SPACES, ""))) return { ok: false, problem: `“${raw.trim()}” is ambiguous: write 1.5 for one and a half, 1,500 for fifteen hundred` };
  else return { ok: false, problem: `“${clip(raw.trim())}” is not a number` };
  const parsed = DecimalSchema.safeParse(isNegative ? `-${body}` : body);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? "is not a number" };
  return { ok: true, value: parsed.data, sign };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
