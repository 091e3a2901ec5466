import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { alignObjective } from "@/lib/objectives/mutations";
import { serializeObjective } from "@/lib/objectives/serialize";

/** `{ version, parentObjectiveId }`, `{ version, parentKeyResultId }`, or both null to unalign. */
export const PUT = defineRoute(operations.alignObjective, async ({ actor, params, body }) => serializeObjective(await alignObjective(actor, params.id, body)));

export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = otherMethods("PUT");
