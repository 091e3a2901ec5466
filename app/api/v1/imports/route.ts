import { otherMethods } from "@/lib/http/methods";
import { problemFromAppError } from "@/lib/http/problem";
import { defineRoute } from "@/lib/http/route";
import * as operations from "@/lib/api/operations";
import { parseCsv, parseSpreadsheet } from "@/lib/import/parse";
import { problemsError } from "@/lib/import/problems";
import { decodeContent } from "@/lib/import/schemas";
import { importSheet } from "@/lib/import/service";

export const POST = defineRoute(operations.importOkrs, async ({ actor, body, requestId }) => {
  const file = decodeContent(body);
  const sheet = "text" in file ? parseCsv(file.text) : await parseSpreadsheet(file.bytes, "xlsx");
  const result = await importSheet(actor, { cycleId: body.cycleId, sheet, mapping: body.mapping, dryRun: body.dryRun });
  const headers = { "x-request-id": requestId };
  if (result.problems.length) {
    // RFC 9457 lets a problem carry members of its own: `problems` keeps each one's row and column apart for scripts.
    const problem = problemFromAppError(problemsError(result.problems), requestId);
    return Response.json({ ...problem, problems: result.problems }, { status: 422, headers: { ...headers, "content-type": "application/problem+json" } });
  }
  if (body.dryRun) return Response.json(result, { status: 200, headers });
  return result;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");

