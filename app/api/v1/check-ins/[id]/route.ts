import { getCheckIn } from "@/lib/checkins/queries";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

/** One check-in with every version saved that week, oldest first. */
export const GET = defineRoute(operations.getCheckIn, async ({ actor, params }) => getCheckIn(actor.orgId, params.id));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
