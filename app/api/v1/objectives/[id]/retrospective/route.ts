import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { saveRetrospective } from "@/lib/scoring/mutations";

/** Replaces the objective's retrospective, `{ wentWell, learned }` (an answer left out or empty is cleared). */
export const PUT = defineRoute(operations.saveRetrospective, async ({ actor, params, body }) => {
  const saved = await saveRetrospective(actor, params.id, body);
  return { objectiveId: saved.objectiveId, wentWell: saved.wentWell, learned: saved.learned };
});

export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = otherMethods("PUT");
