import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { pageArgs, toPage, type Pagination } from "@/lib/http/pagination";
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

/** Every cycle of the organisation, newest first, with the default one marked. One query, shared per request. */
export const listCycles = cache(async (orgId: string): Promise<{ cycles: CycleSummary[]; defaultCycleId: string | null }> => {
  const [cycles, org] = await Promise.all([
    db.cycle.findMany({
      where: { organizationId: orgId },
      select: { id: true, name: true, state: true, startDate: true, endDate: true },
      orderBy: { startDate: "desc" },
    }),
    db.organization.findUnique({ where: { id: orgId }, select: { defaultCycleId: true } }),
  ]);
  return { cycles, defaultCycleId: org?.defaultCycleId ?? null };
});

/**
 * The cycle a page shows: the one asked for in the URL (which must belong to the organisation), else the
 * organisation's default, else the active cycle that started last, else the newest. Null when there are none.
 */
export async function selectCycle(orgId: string, requested: unknown): Promise<CycleSummary | null> {
  const { cycles, defaultCycleId } = await listCycles(orgId);
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
export async function listCyclesWithCounts(orgId: string) {
  const [{ cycles, defaultCycleId }, counts] = await Promise.all([
    listCycles(orgId),
    db.objective.groupBy({ by: ["cycleId"], where: { organizationId: orgId }, _count: { _all: true } }),
  ]);
  const byCycle = new Map(counts.map((c) => [c.cycleId, c._count._all]));
  return { defaultCycleId, cycles: cycles.map((c) => ({ ...c, objectiveCount: byCycle.get(c.id) ?? 0 })) };
}

/** The API's cycle list: a page of cycles, optionally in one state, each marked when it is the default. */
export async function listCyclesPage(orgId: string, query: Pagination & { state?: CycleState }) {
  const args = pageArgs(query);
  const [rows, org] = await Promise.all([
    db.cycle.findMany({ ...args, where: { ...args.where, organizationId: orgId, state: query.state } }),
    db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { defaultCycleId: true } }),
  ]);
  return toPage(rows, query, (c) => serializeCycle(c, org.defaultCycleId));
}
