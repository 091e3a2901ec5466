import * as operations from "@/lib/api/operations";
import { addSupport } from "@/lib/dependencies/mutations";
import { objectiveSupports, serializeSupport } from "@/lib/dependencies/queries";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

export const GET = defineRoute(operations.listObjectiveSupports, async ({ actor, params }) => objectiveSupports(actor.orgId, params.id));

export const POST = defineRoute(operations.addObjectiveSupport, async ({ actor, params, body }) => serializeSupport(await addSupport(actor, params.id, body)));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
