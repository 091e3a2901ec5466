import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { alignObjective } from "@/lib/objectives/mutations";
import { AlignObjectiveSchema } from "@/lib/objectives/schemas";
import { serializeObjective } from "@/lib/objectives/serialize";

/** `{ version, parentObjectiveId }`, `{ version, parentKeyResultId }`, or both null to unalign. */
export const PUT = defineRoute({
  permission: "objective.update",
  params: IdParamsSchema,
  body: AlignObjectiveSchema,
  run: async ({ actor, params, body }) => serializeObjective(await alignObjective(actor, params.id, body)),
});

export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = otherMethods("PUT");
