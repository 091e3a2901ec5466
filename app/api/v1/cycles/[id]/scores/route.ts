import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { scoreKeyResults } from "@/lib/scoring/mutations";
import { ScoreKeyResultsSchema } from "@/lib/scoring/schemas";

/**
 * Scores key results of an active cycle, `{ scores: [{ keyResultId, score }] }`, all or nothing. A key result of
 * another cycle is not found here; scores outside 0.0-1.0 are refused naming `scores.<i>.score`.
 */
export const POST = defineRoute({
  permission: "score.update",
  params: IdParamsSchema,
  body: ScoreKeyResultsSchema,
  run: async ({ actor, params, body }) => ({ scores: await scoreKeyResults(actor, body, { cycleId: params.id }) }),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
