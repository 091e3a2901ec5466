import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { abandonObjective } from "@/lib/objectives/mutations";
import { serializeObjective } from "@/lib/objectives/serialize";

export const POST = defineRoute(operations.abandonObjective, async ({ actor, params, body }) => serializeObjective(await abandonObjective(actor, params.id, body)));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
