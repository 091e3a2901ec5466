import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { moveKeyResult } from "@/lib/key-results/mutations";
import { serializeKeyResult } from "@/lib/key-results/serialize";
import { MoveSchema } from "@/lib/objectives/schemas";

export const POST = defineRoute({
  permission: "keyresult.update",
  params: IdParamsSchema,
  body: MoveSchema,
  run: async ({ actor, params, body }) => serializeKeyResult(await moveKeyResult(actor, params.id, body.direction)),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
