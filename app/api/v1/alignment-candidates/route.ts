import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { searchAlignmentCandidates } from "@/lib/objectives/queries";

const Query = z.object({
  cycleId: idSchema("cycleId must be a cycle id"),
  q: safeString().trim().max(100, "q is at most 100 characters").default(""),
  exclude: idSchema("exclude must be an objective id").optional(),
});

/** For the alignment picker: objectives and key results of the cycle that match a search. */
export const GET = defineRoute({
  permission: "objective.read",
  query: Query,
  run: async ({ actor, query }) => ({ data: await searchAlignmentCandidates(actor.orgId, query.cycleId, query.q, query.exclude) }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
