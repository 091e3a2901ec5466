import { operation } from "@/lib/api/contract";
import { ExportDocumentSchema, ImportCountsSchema } from "./document";
import { IMPORT_MAX_MEGABYTES } from "./limits";

export const exportOrganizationOperation = operation({
  operationId: "exportOrganization",
  method: "GET",
  path: "/organization/export",
  tag: "Organization",
  summary: "Export the whole organisation as JSON",
  description:
    "Every table of the organisation in one document, rows referring to each other by id, with the schema version of this Keel. Secrets stay behind: `omitted` and `withoutColumns` name what the file leaves out and why. Streamed; owners and admins only.",
  permission: "org.update",
  response: ExportDocumentSchema,
});

export const importOrganizationOperation = operation({
  operationId: "importOrganization",
  method: "POST",
  path: "/organization/import",
  tag: "Organization",
  summary: "Import an export into this empty organisation",
  description: `The body is a document from \`GET /organization/export\` (the OrganizationExport schema), at most ${IMPORT_MAX_MEGABYTES} MB, exported by a Keel of the same schema version (else 422). The organisation must be empty, only the calling owner in it (else 409). The whole file is checked first and every problem answered with where it is in the file (422); then everything is written in one transaction with new ids, or nothing is. People are matched by email; people new to this instance have no password and sign in by resetting it. Owners only.`,
  permission: "member.grant_owner",
  // The route reads the body itself, to stop at the size limit while it streams in; the reference still shows it.
  bodyDocumentedAs: ExportDocumentSchema,
  response: ImportCountsSchema,
  status: 201,
  conflicts: true,
});
