import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { PaginationSchema } from "@/lib/http/pagination";
import { createKeyResult } from "@/lib/key-results/mutations";
import { listKeyResults } from "@/lib/key-results/queries";
import { CreateKeyResultSchema, ListKeyResultsQuerySchema } from "@/lib/key-results/schemas";
import { serializeKeyResult } from "@/lib/key-results/serialize";

export const GET = defineRoute({
  permission: "objective.read",
  query: ListKeyResultsQuerySchema.extend(PaginationSchema.shape),
  run: async ({ actor, query }) => listKeyResults(actor.orgId, query),
});

export const POST = defineRoute({
  permission: "keyresult.create",
  body: CreateKeyResultSchema,
  status: 201,
  run: async ({ actor, body }) => serializeKeyResult(await createKeyResult(actor, body)),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
