import { otherMethods } from "@/lib/http/methods";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { searchOrganization } from "@/lib/search/queries";

/** The command menu's search: objectives and key results of a cycle (the current one by default), teams and people. */
export const GET = defineRoute(operations.search, async ({ actor, query }) => ({ data: await searchOrganization(actor.orgId, query) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
