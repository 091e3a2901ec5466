import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { abandonObjective } from "@/lib/objectives/mutations";
import { AbandonObjectiveSchema } from "@/lib/objectives/schemas";
import { serializeObjective } from "@/lib/objectives/serialize";

export const POST = defineRoute({
  permission: "objective.update",
  params: IdParamsSchema,
  body: AbandonObjectiveSchema,
  run: async ({ actor, params, body }) => serializeObjective(await abandonObjective(actor, params.id, body)),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
