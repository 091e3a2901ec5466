import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { loadTreeJson } from "@/lib/tree/queries";

/** The cycle's whole alignment tree in the compact form of lib/tree/payload.ts, passed through as Postgres wrote it. */
export const GET = defineRoute({
  permission: "objective.read",
  params: IdParamsSchema,
  run: async ({ actor, params, requestId }) =>
    new Response(await loadTreeJson(actor.orgId, params.id), {
      headers: { "content-type": "application/json", "cache-control": "private, no-store", "x-request-id": requestId },
    }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
