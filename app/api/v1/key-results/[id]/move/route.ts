import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { moveKeyResult } from "@/lib/key-results/mutations";
import { serializeKeyResult } from "@/lib/key-results/serialize";

export const POST = defineRoute(operations.moveKeyResult, async ({ actor, params, body }) => serializeKeyResult(await moveKeyResult(actor, params.id, body.direction)));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
