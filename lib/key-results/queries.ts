import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { pageArgs, toPage, type Pagination } from "@/lib/http/pagination";
import { KEY_RESULT_SNAPSHOT } from "./mutations";
import type { ListKeyResultsQuery } from "./schemas";
import { serializeKeyResult } from "./serialize";

export async function listKeyResults(orgId: string, query: ListKeyResultsQuery & Pagination) {
  const args = pageArgs(query);
  const rows = await db.keyResult.findMany({
    ...args,
    where: { ...args.where, organizationId: orgId, objectiveId: query.objectiveId, cycleId: query.cycleId, ownerId: query.ownerId, confidence: query.confidence },
    select: KEY_RESULT_SNAPSHOT,
  });
  return toPage(rows, query, serializeKeyResult);
}

export async function getKeyResult(orgId: string, keyResultId: string) {
  const kr = await db.keyResult.findFirst({ where: { id: keyResultId, organizationId: orgId }, select: KEY_RESULT_SNAPSHOT });
  if (!kr) throw notFound("That key result");
  return kr;
}
