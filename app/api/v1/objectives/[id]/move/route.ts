import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { moveObjective } from "@/lib/objectives/mutations";
import { serializeObjective } from "@/lib/objectives/serialize";

export const POST = defineRoute(operations.moveObjective, async ({ actor, params, body }) => serializeObjective(await moveObjective(actor, params.id, body.direction)));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
