import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { updateKeyResult } from "@/lib/key-results/mutations";
import { getKeyResult } from "@/lib/key-results/queries";
import { serializeKeyResult } from "@/lib/key-results/serialize";

export const GET = defineRoute(operations.getKeyResult, async ({ actor, params }) => serializeKeyResult(await getKeyResult(actor.orgId, params.id)));

/** A new target during an active cycle needs `reason`; send the `version` you read (409 if stale). */
export const PATCH = defineRoute(operations.updateKeyResult, async ({ actor, params, body }) => serializeKeyResult(await updateKeyResult(actor, params.id, body)));

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
