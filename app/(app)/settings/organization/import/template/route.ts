import { z } from "zod";
import { operation } from "@/lib/api/contract";
import { otherMethods } from "@/lib/http/methods";
import { defineRoute } from "@/lib/http/route";
import { templateCsv, templateXlsx } from "@/lib/import/template";

/** Keel's import template with two example rows: a page's download, not part of API v1. */
const importTemplate = operation({
  operationId: "downloadImportTemplate",
  method: "GET",
  path: "/settings/organization/import/template",
  tag: "Imports",
  summary: "The spreadsheet import template",
  permission: "cycle.manage",
  query: z.object({ format: z.enum(["csv", "xlsx"], { error: "format must be csv or xlsx" }).default("csv") }),
});

export const GET = defineRoute(importTemplate, async ({ query, requestId }) => {
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };
  if (query.format === "xlsx") {
    return new Response(Buffer.from(await templateXlsx()), {
      headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content-disposition": 'attachment; filename="keel-import-template.xlsx"' },
    });
  }
  // A BOM, so Excel opens the file as UTF-8 rather than in the machine's legacy code page.
  return new Response(`\uFEFF${templateCsv()}`, { headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="keel-import-template.csv"' } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
