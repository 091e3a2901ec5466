import { getCycle, updateCycle } from "@/lib/cycles/mutations";
import { serializeCycle } from "@/lib/cycles/serialize";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

export const GET = defineRoute(operations.getCycle, async ({ actor, params }) => serializeCycle(await getCycle(actor.orgId, params.id)));

export const PATCH = defineRoute(operations.updateCycle, async ({ actor, params, body }) => serializeCycle(await updateCycle(actor, params.id, body)));

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
