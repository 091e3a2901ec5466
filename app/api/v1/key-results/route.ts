import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { createKeyResult } from "@/lib/key-results/mutations";
import { listKeyResults } from "@/lib/key-results/queries";
import { serializeKeyResult } from "@/lib/key-results/serialize";

export const GET = defineRoute(operations.listKeyResults, async ({ actor, query }) => listKeyResults(actor.orgId, query));

export const POST = defineRoute(operations.createKeyResult, async ({ actor, body }) => serializeKeyResult(await createKeyResult(actor, body)));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
