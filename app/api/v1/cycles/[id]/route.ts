import { getCycle, updateCycle } from "@/lib/cycles/mutations";
import { UpdateCycleSchema } from "@/lib/cycles/schemas";
import { serializeCycle } from "@/lib/cycles/serialize";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";

export const GET = defineRoute({
  permission: "cycle.read",
  params: IdParamsSchema,
  run: async ({ actor, params }) => serializeCycle(await getCycle(actor.orgId, params.id)),
});

export const PATCH = defineRoute({
  permission: "cycle.manage",
  params: IdParamsSchema,
  body: UpdateCycleSchema,
  run: async ({ actor, params, body }) => serializeCycle(await updateCycle(actor, params.id, body)),
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
