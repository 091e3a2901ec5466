import { serializeCycle } from "@/lib/cycles/serialize";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { closeCycleWithSummary } from "@/lib/scoring/mutations";
import { CloseCycleSchema } from "@/lib/scoring/schemas";

/** `{ summary?, force? }`: refused (409) while key results are unscored, unless `force` is true. */
export const POST = defineRoute({
  permission: "cycle.manage",
  params: IdParamsSchema,
  body: CloseCycleSchema,
  run: async ({ actor, params, body }) => serializeCycle(await closeCycleWithSummary(actor, params.id, body)),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
