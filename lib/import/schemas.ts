import { z } from "zod";
import { invalid } from "@/lib/errors";
import { idSchema } from "@/lib/http/schemas";
import { IMPORT_FIELDS, MappingSchema } from "./mapping";
import { MAX_FILE_BYTES } from "./limits";

/** Base64 of the largest file Keel imports, with room for line breaks some encoders add. */
const MAX_CONTENT_CHARS = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 64 * 1024;

export const ImportFormatSchema = z.enum(["csv", "xlsx"], { error: "format must be csv or xlsx" });

export const ImportBodySchema = z.object({
  cycleId: idSchema("cycleId must be a cycle id"),
  format: ImportFormatSchema,
  content: z
    .string({ error: "content is the file: its text for csv, base64 for xlsx" })
    .min(1, "content is empty")
    .max(MAX_CONTENT_CHARS, "content is larger than the 5 MB Keel imports")
    .meta({ description: "The file: its text for csv (UTF-8), base64 for xlsx" }),
  mapping: MappingSchema.optional().meta({ description: "Keel's field → column number (0 is the first column); omitted, columns are matched by their headers" }),
  dryRun: z.boolean({ error: "dryRun is true or false" }).default(false).meta({ description: "true: answer what would be created and change nothing" }),
});
export type ImportBody = z.output<typeof ImportBodySchema>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The file an API body carries; base64 that is not base64 is said so, rather than read as a broken workbook. */
export function decodeContent(body: Pick<ImportBody, "format" | "content">): { text: string } | { bytes: Uint8Array } {
  if (body.format === "csv") return { text: body.content };
  return { bytes: decodeBase64(body.content, "content") };
}

export function decodeBase64(content: string, field: string): Uint8Array {
  const compact = content.replace(/\s+/g, "");
  if (!BASE64.test(compact) || compact.length % 4 !== 0) throw invalid(field, `${field} is not base64: send the file's bytes base64-encoded`);
  return new Uint8Array(Buffer.from(compact, "base64"));
}

/**
 * The import page's request: the chosen cycle, the file's bytes in base64 (the page keeps them between its steps, so
 * no server holds an upload; Keel runs as stateless servers) and, once the person has seen the columns, their mapping.
 */
export const ImportUploadSchema = z.object({
  cycleId: idSchema("Choose the cycle to import into"),
  content: z.string({ error: "Choose a .csv or .xlsx file" }).min(1, "Choose a .csv or .xlsx file").max(MAX_CONTENT_CHARS, "The file is larger than the 5 MB Keel imports"),
  mapping: MappingSchema.optional(),
});
export type ImportUpload = z.output<typeof ImportUploadSchema>;

const ProblemAnswer = z.object({
  row: z.number().int().nullable().meta({ description: "The row as the spreadsheet numbers it (the header is usually 1); null for the whole file" }),
  column: z.string().nullable().meta({ description: "The column's header, or Keel's name for a field the file has no column for" }),
  message: z.string(),
});

const KeyResultAnswer = z.object({
  row: z.number().int(),
  title: z.string(),
  ownerId: z.string().nullable(),
  ownerEmail: z.string(),
  type: z.enum(["number", "percent", "currency"]),
  direction: z.enum(["increase", "decrease"]),
  startValue: z.string(),
  targetValue: z.string(),
  currentValue: z.string(),
  unit: z.string(),
});

const ObjectiveAnswer = z.object({
  row: z.number().int(),
  title: z.string(),
  level: z.enum(["company", "team", "personal"]),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerEmail: z.string(),
  parentTitle: z.string().nullable().meta({ description: "The objective it aligns to: one of this file, or one already in the cycle" }),
  keyResults: z.array(KeyResultAnswer),
});

export const ImportAnswerSchema = z
  .object({
    dryRun: z.boolean(),
    cycleId: z.string(),
    headers: z.array(z.string()).meta({ description: "The file's column headers, in order; the mapping's numbers index them" }),
    mapping: z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.number().int().nullable()]))).meta({ description: "The mapping used" }),
    shape: z.enum(["key-result-rows", "typed-rows"]).meta({ description: "key-result-rows: one row per key result, the objective repeated; typed-rows: a Type column marks objective and key result rows" }),
    objectiveCount: z.number().int(),
    keyResultCount: z.number().int(),
    objectives: z.array(ObjectiveAnswer),
    problems: z.array(ProblemAnswer).meta({ description: "Always empty here: a file with problems is answered 422" }),
    created: z
      .object({ objectiveIds: z.array(z.string()), keyResultIds: z.array(z.string()) })
      .nullable()
      .meta({ description: "What was created, in the file's order; null on a dry run" }),
  })
  .meta({ id: "ImportResult" });
export type ImportAnswer = z.input<typeof ImportAnswerSchema>;
