import { activateCycle } from "@/lib/cycles/mutations";
import { serializeCycle } from "@/lib/cycles/serialize";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";

export const POST = defineRoute({
  permission: "cycle.manage",
  params: IdParamsSchema,
  run: async ({ actor, params }) => serializeCycle(await activateCycle(actor, params.id)),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
