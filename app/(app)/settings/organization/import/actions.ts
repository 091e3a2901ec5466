"use server";

import { defineAction } from "@/lib/http/action";
import { ImportUploadSchema } from "@/lib/import/schemas";
import { forPage, importSheet, readUpload } from "@/lib/import/service";

/** Reads the file and answers its columns, the mapping (matched from the headers unless given) and the preview. */
export const previewImportAction = defineAction({
  permission: "cycle.manage",
  schema: ImportUploadSchema,
  run: async ({ actor, input }) => forPage(await importSheet(actor, { cycleId: input.cycleId, sheet: await readUpload(input.content), mapping: input.mapping, dryRun: true })),
});

/** Imports the file in one transaction; a file with problems answers them and writes nothing. */
export const importSpreadsheetAction = defineAction({
  permission: "cycle.manage",
  schema: ImportUploadSchema,
  run: async ({ actor, input }) => forPage(await importSheet(actor, { cycleId: input.cycleId, sheet: await readUpload(input.content), mapping: input.mapping, dryRun: false })),
  message: (r) => (r.created ? `Imported ${plural(r.objectiveCount, "objective")} and ${plural(r.keyResultCount, "key result")}` : ""),
});

function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;
}
