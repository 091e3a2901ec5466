"use server";

import { z } from "zod";
import { importOrganization, parseImportText } from "@/lib/export/import";
import { IMPORT_MAX_BYTES } from "@/lib/export/limits";
import { defineAction } from "@/lib/http/action";

// The form sends the file's text: the action wrapper reads text fields, and the file is JSON anyway. Its size in
// bytes is checked again by parseImportText; a character is at least one byte, so this bound is never the tighter one.
const ImportFileSchema = z.object({
  document: z.string({ error: "Choose a Keel export file (.json)" }).min(1, "Choose a Keel export file (.json)").max(IMPORT_MAX_BYTES, "The file is too large to import"),
});

export const importOrganizationAction = defineAction({
  permission: "member.grant_owner",
  schema: ImportFileSchema,
  run: async ({ actor, input }) => importOrganization(actor, parseImportText(input.document)),
  message: (c) =>
    `Imported ${c.people} people (${c.newPeople} new to this Keel), ${c.teams} teams, ${c.cycles} cycles, ${c.objectives} objectives, ${c.keyResults} key results and ${c.checkIns} check-ins`,
});
