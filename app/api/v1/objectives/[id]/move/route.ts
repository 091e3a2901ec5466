import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { moveObjective } from "@/lib/objectives/mutations";
import { MoveSchema } from "@/lib/objectives/schemas";
import { serializeObjective } from "@/lib/objectives/serialize";

export const POST = defineRoute({
  permission: "objective.update",
  params: IdParamsSchema,
  body: MoveSchema,
  run: async ({ actor, params, body }) => serializeObjective(await moveObjective(actor, params.id, body.direction)),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
