import { exportResponse } from "@/lib/export/export";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

/** The organisation's export, streamed as it is read (the settings page's download and API v1 answer the same). */
export const GET = defineRoute(operations.exportOrganization, async ({ actor, requestId }) => exportResponse(actor, requestId));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
