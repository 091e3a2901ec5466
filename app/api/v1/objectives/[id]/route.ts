import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { updateObjective } from "@/lib/objectives/mutations";
import { getObjective } from "@/lib/objectives/queries";
import { UpdateObjectiveSchema } from "@/lib/objectives/schemas";
import { serializeObjective } from "@/lib/objectives/serialize";

export const GET = defineRoute({
  permission: "objective.read",
  params: IdParamsSchema,
  run: async ({ actor, params }) => serializeObjective(await getObjective(actor.orgId, params.id)),
});

/** Send the `version` you read: if someone saved in between, the answer is 409 and nothing changes. */
export const PATCH = defineRoute({
  permission: "objective.update",
  params: IdParamsSchema,
  body: UpdateObjectiveSchema,
  run: async ({ actor, params, body }) => serializeObjective(await updateObjective(actor, params.id, body)),
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
