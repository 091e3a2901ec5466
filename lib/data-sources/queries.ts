import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";

/** The organisation's data sources, without anything secret. */
export async function listDataSources(orgId: string) {
  const sources = await db.dataSource.findMany({
    where: { organizationId: orgId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, url: true, createdAt: true, _count: { select: { feeds: true } } },
  });
  return sources.map(({ _count, ...s }) => ({ ...s, feedCount: _count.feeds }));
}
export type DataSourceRow = Awaited<ReturnType<typeof listDataSources>>[number];

/** A key result's feed page: the key result, its feed if it has one, and the sources to choose from. */
export async function getKeyResultFeedPage(orgId: string, keyResultId: string) {
  const [keyResult, sources] = await Promise.all([
    db.keyResult.findFirst({
      where: { id: keyResultId, organizationId: orgId },
      select: {
        id: true,
        title: true,
        ownerId: true,
        objective: { select: { id: true, title: true, ownerId: true, teamId: true } },
        feed: {
          select: { dataSourceId: true, expression: true, pointer: true, schedule: true, nextRunAt: true, lastRunAt: true, lastValue: true, lastError: true, failingSince: true, dataSource: { select: { name: true } } },
        },
      },
    }),
    listDataSources(orgId),
  ]);
  if (!keyResult) throw notFound("That key result");
  return { keyResult, sources };
}
