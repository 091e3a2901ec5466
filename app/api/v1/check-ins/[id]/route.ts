import { getCheckIn } from "@/lib/checkins/queries";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";

/** One check-in with every version saved that week, oldest first. */
export const GET = defineRoute({
  permission: "objective.read",
  params: IdParamsSchema,
  run: async ({ actor, params }) => getCheckIn(actor.orgId, params.id),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
