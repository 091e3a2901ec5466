import { operation } from "@/lib/api/contract";
import { ImportAnswerSchema, ImportBodySchema } from "./schemas";

/** POST /api/v1/imports: registered with the other operations in lib/api/operations.ts. */
export const importOkrs = operation({
  operationId: "importOkrs",
  method: "POST",
  path: "/imports",
  tag: "Imports",
  summary: "Import objectives and key results from a spreadsheet",
  description: [
    "Creates a cycle's objectives and key results from a CSV (`content` is its UTF-8 text) or an .xlsx (`content` is its bytes in base64; the first sheet is read), in one transaction: all of the file or none of it. Owners and admins only; at most 5 MB and 10,000 rows.",
    "",
    "Columns are matched by their headers (Keel's template, Viva Goals' export, Quantive's Excel utility) unless `mapping` gives each field's column number. `dryRun: true` answers 200 with what would be created and writes nothing.",
    "",
    "A file with problems answers 422 and writes nothing: `problems` lists every one as `{ row, column, message }` (`row` as the spreadsheet numbers it, `column` by its header), and `errors` repeats them with `field` set to \"Row 7, Target\".",
  ].join("\n"),
  permission: "cycle.manage",
  body: ImportBodySchema,
  response: ImportAnswerSchema,
  status: 201,
  alsoAnswers: { 200: "A dry run: what the file would create; nothing was written" },
  conflicts: true,
});
