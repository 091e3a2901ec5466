import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { INITIATIVE_SNAPSHOT } from "./mutations";
import type { InitiativeTally } from "./tally";

/** A key result's initiatives in their order; another organisation's key result is not found rather than empty. */
export async function listInitiatives(orgId: string, keyResultId: string) {
  const [keyResult, rows] = await Promise.all([
    db.keyResult.findFirst({ where: { id: keyResultId, organizationId: orgId }, select: { id: true } }),
    db.initiative.findMany({ where: { organizationId: orgId, keyResultId }, select: INITIATIVE_SNAPSHOT, orderBy: [{ position: "asc" }, { id: "asc" }] }),
  ]);
  if (!keyResult) throw notFound("That key result");
  return rows;
}

export async function getInitiative(orgId: string, initiativeId: string) {
  const row = await db.initiative.findFirst({ where: { id: initiativeId, organizationId: orgId }, select: INITIATIVE_SNAPSHOT });
  if (!row) throw notFound("That initiative");
  return row;
}

/**
 * The initiatives under a team's objectives (its own and its members' personal ones) in a cycle, counted; abandoned
 * objectives' are left out. `today` is the reader's calendar day.
 */
export async function teamInitiativeTally(orgId: string, teamId: string, cycleId: string, today: string): Promise<InitiativeTally> {
  const [row] = await db.$queryRaw<{ total: number; done: number; dropped: number; overdue: number }[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE i.status = 'done')::int AS done,
           count(*) FILTER (WHERE i.status = 'dropped')::int AS dropped,
           count(*) FILTER (WHERE i.status IN ('planned', 'in_progress') AND i.due_date < ${today}::date)::int AS overdue
      FROM objectives o
      JOIN key_results k ON k.organization_id = o.organization_id AND k.objective_id = o.id
      JOIN initiatives i ON i.organization_id = o.organization_id AND i.key_result_id = k.id
     WHERE o.organization_id = ${orgId}::uuid AND o.team_id = ${teamId}::uuid AND o.cycle_id = ${cycleId}::uuid AND o.state <> 'abandoned'`;
  return row ?? { total: 0, done: 0, dropped: 0, overdue: 0 };
}
