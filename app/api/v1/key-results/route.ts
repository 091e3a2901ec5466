import { db } from "@/lib/db/prisma";
import { defineRoute } from "@/lib/http/route";
import { pageArgs, PaginationSchema, toPage } from "@/lib/http/pagination";
import { createKeyResult, KEY_RESULT_SNAPSHOT } from "@/lib/key-results/mutations";
import { CreateKeyResultSchema, ListKeyResultsQuerySchema } from "@/lib/key-results/schemas";
import { serializeKeyResult } from "@/lib/key-results/serialize";

export const GET = defineRoute({
  permission: "objective.read",
  query: ListKeyResultsQuerySchema.extend(PaginationSchema.shape),
  run: async ({ actor, query }) => {
    const args = pageArgs(query);
    const rows = await db.keyResult.findMany({
      ...args,
      where: { ...args.where, organizationId: actor.orgId, objectiveId: query.objectiveId, cycleId: query.cycleId, ownerId: query.ownerId, confidence: query.confidence },
      select: KEY_RESULT_SNAPSHOT,
    });
    return toPage(rows, query, serializeKeyResult);
  },
});

export const POST = defineRoute({
  permission: "keyresult.create",
  body: CreateKeyResultSchema,
  status: 201,
  run: async ({ actor, body }) => serializeKeyResult(await createKeyResult(actor, body)),
});
