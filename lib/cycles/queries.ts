import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor, OrganizationCycles } from "@/lib/auth/actor";
import { toPage, type Pagination } from "@/lib/http/pagination";
import { serializeCycle } from "./serialize";
import { idSchema } from "@/lib/http/schemas";
import type { CycleState } from "@/lib/generated/prisma/enums";

export const CycleIdSchema = idSchema("Not a cycle id");

export interface CycleSummary {
  id: string;
  name: string;
  state: CycleState;
  startDate: Date;
  endDate: Date;
}

/** Whose cycles: an organisation id, or the actor, who carries them when resolveActor read them with the membership. */
export type CycleSource = string | Pick<Actor, "orgId" | "cycles">;

/**
 * Every cycle of the organisation, newest first, with the default one marked. Given an actor resolved for this request
 * no query at all (they came with the membership); given an id, one query, shared per request.
 */
export async function listCycles(source: CycleSource): Promise<OrganizationCycles> {
  if (typeof source !== "string" && source.cycles) return source.cycles;
  return readCycles(typeof source === "string" ? source : source.orgId);
}

const readCycles = cache(async (orgId: string): Promise<OrganizationCycles> => {
  const rows = await db.cycle.findMany({
    where: { organizationId: orgId },
    select: { id: true, name: true, state: true, startDate: true, endDate: true, closedAt: true, organization: { select: { defaultCycleId: true } } },
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
  });
  if (rows.length) return { cycles: rows.map(({ organization: _org, ...cycle }) => cycle), defaultCycleId: rows[0]!.organization.defaultCycleId };
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { defaultCycleId: true } });
  return { cycles: [], defaultCycleId: org?.defaultCycleId ?? null };
});

/**
 * The cycle a page shows: the one asked for in the URL (which must belong to the organisation), else the
 * organisation's default, else the active cycle that started last, else the newest. Null when there are none.
 */
export async function selectCycle(source: CycleSource, requested: unknown): Promise<CycleSummary | null> {
  const { cycles, defaultCycleId } = await listCycles(source);
  if (requested !== undefined && requested !== null && requested !== "") {
    const parsed = CycleIdSchema.safeParse(requested);
    const found = parsed.success ? cycles.find((c) => c.id === parsed.data) : undefined;
    if (!found) throw new AppError("not_found", "That cycle was not found in this organisation");
    return found;
  }
  return (
    cycles.find((c) => c.id === defaultCycleId) ??
    cycles.find((c) => c.state === "active") ??
    cycles[0] ??
    null
  );
}

/** The cycles page: each cycle with how many objectives it holds, in one grouped query. */
export async function listCyclesWithCounts(source: CycleSource) {
  const orgId = typeof source === "string" ? source : source.orgId;
  const [{ cycles, defaultCycleId }, counts] = await Promise.all([
    listCycles(source),
    db.objective.groupBy({ by: ["cycleId"], where: { organizationId: orgId }, _count: { _all: true } }),
  ]);
  const byCycle = new Map(counts.map((c) => [c.cycleId, c._count._all]));
  return { defaultCycleId, cycles: cycles.map((c) => ({ ...c, objectiveCount: byCycle.get(c.id) ?? 0 })) };
}

/**
 * The API's cycle list: a page of cycles, optionally in one state, each marked when it is the default. The same keyset
 * page as pageArgs would ask Postgres for (ids ascending after the cursor), taken from the organisation's cycles, which
 * are few and already read with the actor.
 */
export async function listCyclesPage(source: CycleSource, query: Pagination & { state?: CycleState }) {
  const { cycles, defaultCycleId } = await listCycles(source);
  const rows = cycles
    .filter((c) => (query.state === undefined || c.state === query.state) && (!query.cursor || c.id > query.cursor))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, query.limit + 1);
  return toPage(rows, query, (c) => serializeCycle(c, defaultCycleId));
}
