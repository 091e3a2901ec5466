import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { updateKeyResult } from "@/lib/key-results/mutations";
import { getKeyResult } from "@/lib/key-results/queries";
import { UpdateKeyResultSchema } from "@/lib/key-results/schemas";
import { serializeKeyResult } from "@/lib/key-results/serialize";

export const GET = defineRoute({
  permission: "objective.read",
  params: IdParamsSchema,
  run: async ({ actor, params }) => serializeKeyResult(await getKeyResult(actor.orgId, params.id)),
});

/** A new target during an active cycle needs `reason`; send the `version` you read (409 if stale). */
export const PATCH = defineRoute({
  permission: "keyresult.update",
  params: IdParamsSchema,
  body: UpdateKeyResultSchema,
  run: async ({ actor, params, body }) => serializeKeyResult(await updateKeyResult(actor, params.id, body)),
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
