import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { scoreKeyResults } from "@/lib/scoring/mutations";

/**
 * Scores key results of an active cycle, `{ scores: [{ keyResultId, score }] }`, all or nothing. A key result of
 * another cycle is not found here; scores outside 0.0-1.0 are refused naming `scores.<i>.score`.
 */
export const POST = defineRoute(operations.scoreKeyResults, async ({ actor, params, body }) => ({ scores: await scoreKeyResults(actor, body, { cycleId: params.id }) }));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
