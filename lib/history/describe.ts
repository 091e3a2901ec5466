import "server-only";
import { db } from "@/lib/db/prisma";
import { describeEvent, referencedIds, type HistoryEntry, type HistoryEvent } from "./describe-event";

export type { HistoryEntry } from "./describe-event";

/** Describes a page's audit events, fetching the names and titles they mention in one query per kind. */
export async function describeEvents(orgId: string, events: HistoryEvent[], known: { keyResultTitles: Map<string, string> }): Promise<HistoryEntry[]> {
  const ids = referencedIds(events);
  const missingKeyResults = ids.keyResultIds.filter((id) => !known.keyResultTitles.has(id));
  const [users, objectives, keyResults] = await Promise.all([
    ids.userIds.length ? db.user.findMany({ where: { id: { in: ids.userIds }, memberships: { some: { organizationId: orgId } } }, select: { id: true, name: true } }) : [],
    ids.objectiveIds.length ? db.objective.findMany({ where: { id: { in: ids.objectiveIds }, organizationId: orgId }, select: { id: true, title: true } }) : [],
    missingKeyResults.length ? db.keyResult.findMany({ where: { id: { in: missingKeyResults }, organizationId: orgId }, select: { id: true, title: true } }) : [],
  ]);
  const lookups = {
    userNames: new Map(users.map((u) => [u.id, u.name])),
    objectiveTitles: new Map(objectives.map((o) => [o.id, o.title])),
    keyResultTitles: new Map([...known.keyResultTitles, ...keyResults.map((k) => [k.id, k.title] as const)]),
  };
  return events.map((event) => describeEvent(event, lookups));
}
