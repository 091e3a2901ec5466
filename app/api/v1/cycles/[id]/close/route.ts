import { serializeCycle } from "@/lib/cycles/serialize";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { closeCycleWithSummary } from "@/lib/scoring/mutations";

/** `{ summary?, force? }`: refused (409) while key results are unscored, unless `force` is true. */
export const POST = defineRoute(operations.closeCycle, async ({ actor, params, body }) => serializeCycle(await closeCycleWithSummary(actor, params.id, body)));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
