import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { listInitiatives } from "@/lib/initiatives/queries";
import { serializeInitiative } from "@/lib/initiatives/serialize";

export const GET = defineRoute(operations.listInitiatives, async ({ actor, params }) => ({ data: (await listInitiatives(actor.orgId, params.id)).map(serializeInitiative) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
