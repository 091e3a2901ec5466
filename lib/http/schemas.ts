import { z } from "zod";

/** Path ids: anything that is not a uuid names nothing, and the route wrapper answers 404. */
export const IdParamsSchema = z.object({ id: z.uuid() });

/** Optimistic concurrency: the version the client read; a stale one gets 409. */
export const VersionSchema = z.coerce.number({ error: "version is required: send the version you last read" }).int().min(1);

/** A reason for changing a goal after its cycle started; optional in the schema, required by the domain when it applies. */
export const ReasonSchema = z
  .string()
  .trim()
  .max(1000, "Reasons are at most 1000 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

/** Exact decimal numbers as strings (never floats): up to 16 digits before the point and 4 after. */
export const DecimalSchema = z
  .union([z.string(), z.number()], { error: "Enter a number" })
  .transform((v) => String(v).trim().replace(/,/g, ""))
  .refine((v) => /^-?\d{1,16}(\.\d{1,4})?$/.test(v), "Enter a number with at most 4 decimals, like 1250 or 99.95");

export const BooleanishSchema = z.union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"])]).transform((v) => v === true || v === "true" || v === "on" || v === "1");
