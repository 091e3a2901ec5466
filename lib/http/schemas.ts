import { z } from "zod";

/**
 * Characters no text field accepts: NUL and the other C0 controls, DEL and the C1 controls. Postgres refuses NUL in
 * text (a 500 before this check), and the others only ever arrive from a script or an attacker, never from a form.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Tab, line feed and carriage return, which only multi-line text (notes, reasons, retrospectives) may contain. */
const LINE_CONTROL = /[\t\n\r]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one: not text, and not storable. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string is not storable text, or null when it is. One check for every text field and query parameter. */
export function unsafeTextProblem(value: string, multiline = false): string | null {
  if (value.includes("\0")) return "cannot contain a NUL character";
  if (CONTROL.test(value)) return "cannot contain control characters";
  if (!multiline && LINE_CONTROL.test(value.trim())) return "must be a single line (no tabs or line breaks)";
  if (LONE_SURROGATE.test(value)) return "contains an invalid character (a lone UTF-16 surrogate)";
  return null;
}

type SafeStringOptions = { error?: string; multiline?: boolean };

/**
 * `z.string()` that refuses NUL, control characters and lone surrogates with an error on the field. Every text field
 * of every schema starts here, so a new field cannot forget it; chain `.trim().min().max()` as on `z.string()`.
 */
export function safeString(options: SafeStringOptions = {}) {
  const base = options.error ? z.string({ error: options.error }) : z.string();
  return base.check((ctx) => {
    const problem = unsafeTextProblem(ctx.value, options.multiline);
    // Not aborting, so the other fields' errors are still reported; any transform chained after this never runs.
    if (problem) ctx.issues.push({ code: "custom", message: `This text ${problem}`, input: ctx.value, continue: true });
  });
}

// Both cases spelled out rather than a flag, so the pattern the API reference shows accepts what the server does.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Every id from input: a uuid in any letter case, given back in lower case (as Postgres prints ids), so comparisons
 * between ids from input and ids from the database are never fooled by spelling.
 */
export function idSchema(error = "Not a valid id") {
  // Checks rather than a transform: a pipe's failure would hide this message inside a union's "Invalid input".
  return z.string({ error }).trim().toLowerCase().regex(UUID, error).meta({ format: "uuid" });
}
export const IdSchema = idSchema();

/** Path ids: anything that is not a uuid names nothing, and the route wrapper answers 404. */
export const IdParamsSchema = z.object({ id: IdSchema });

/** Optimistic concurrency: the version the client read; a stale one gets 409. */
export const VersionSchema = z.coerce
  .number({ error: "version is required: send the version you last read" })
  .int("version is a whole number: send the version you last read")
  .min(1, "version is required: send the version you last read")
  .max(2_147_483_647, "version is not one this item ever had");

/** A reason for changing a goal after its cycle started; optional in the schema, required by the domain when it applies. */
export const ReasonSchema = safeString({ multiline: true })
  .trim()
  .max(1000, "Reasons are at most 1000 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

const DECIMAL = /^-?\d{1,16}(\.\d{1,4})?$/;

/**
 * Exact decimal numbers as strings (never floats): up to 16 digits before the point and 4 after. The format check
 * aborts, so refinements chained after it (which build a Decimal) only ever see a number.
 */
export const DecimalSchema = z
  .union([z.string(), z.number()], { error: "Enter a number" })
  .transform((v) => String(v).trim().replace(/,/g, ""))
  .refine((v) => DECIMAL.test(v), { message: "Enter a number with at most 4 decimals, like 1250 or 99.95", abort: true })
  .meta({ description: "An exact number, as a string (\"1250.5\") or a JSON number: up to 16 digits before the point and 4 after" });

export const BooleanishSchema = z.union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"])]).transform((v) => v === true || v === "true" || v === "on" || v === "1");
