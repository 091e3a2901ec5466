import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { defineRoute } from "@/lib/http/route";
import { IdParamsSchema } from "@/lib/http/schemas";
import { KEY_RESULT_SNAPSHOT, updateKeyResult } from "@/lib/key-results/mutations";
import { UpdateKeyResultSchema } from "@/lib/key-results/schemas";
import { serializeKeyResult } from "@/lib/key-results/serialize";

export const GET = defineRoute({
  permission: "objective.read",
  params: IdParamsSchema,
  run: async ({ actor, params }) => {
    const kr = await db.keyResult.findFirst({ where: { id: params.id, organizationId: actor.orgId }, select: KEY_RESULT_SNAPSHOT });
    if (!kr) throw notFound("That key result");
    return serializeKeyResult(kr);
  },
});

/** A new target during an active cycle needs `reason`; send the `version` you read (409 if stale). */
export const PATCH = defineRoute({
  permission: "keyresult.update",
  params: IdParamsSchema,
  body: UpdateKeyResultSchema,
  run: async ({ actor, params, body }) => serializeKeyResult(await updateKeyResult(actor, params.id, body)),
});
