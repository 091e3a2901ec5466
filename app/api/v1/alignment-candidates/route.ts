import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { searchAlignmentCandidates } from "@/lib/objectives/queries";

/** For the alignment picker: objectives and key results of the cycle that match a search. */
export const GET = defineRoute(operations.alignmentCandidates, async ({ actor, query }) => ({ data: await searchAlignmentCandidates(actor.orgId, query.cycleId, query.q, query.exclude) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
