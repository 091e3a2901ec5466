import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { updateObjective } from "@/lib/objectives/mutations";
import { getObjective } from "@/lib/objectives/queries";
import { serializeObjective } from "@/lib/objectives/serialize";

export const GET = defineRoute(operations.getObjective, async ({ actor, params }) => serializeObjective(await getObjective(actor.orgId, params.id)));

/** Send the `version` you read: if someone saved in between, the answer is 409 and nothing changes. */
export const PATCH = defineRoute(operations.updateObjective, async ({ actor, params, body }) => serializeObjective(await updateObjective(actor, params.id, body)));

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
