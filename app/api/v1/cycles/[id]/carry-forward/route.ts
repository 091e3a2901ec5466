import { carryForward } from "@/lib/carry-forward/mutations";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

/**
 * Copies objectives of this cycle, `{ toCycleId, objectiveIds }`, into a cycle in planning or active. The answer
 * lists each copy and whether it kept its alignment (`alignment: "kept" | "lost" | "none"`, with the reason).
 */
export const POST = defineRoute(operations.carryForward, async ({ actor, params, body }) => carryForward(actor, { ...body, fromCycleId: params.id }));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
