import { importOrganization, readImportBody } from "@/lib/export/import";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

// The body is read here rather than by the route wrapper: it can be tens of megabytes, and is cut off at the limit.
export const POST = defineRoute(operations.importOrganization, async ({ actor, req }) => importOrganization(actor, await readImportBody(req)));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
