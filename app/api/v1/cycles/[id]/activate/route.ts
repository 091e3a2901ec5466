import { activateCycle } from "@/lib/cycles/mutations";
import { serializeCycle } from "@/lib/cycles/serialize";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

export const POST = defineRoute(operations.activateCycle, async ({ actor, params }) => serializeCycle(await activateCycle(actor, params.id)));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
