import "server-only";
import type { Tx } from "@/lib/db/prisma";
import { AppError, invalid } from "@/lib/errors";
import { wouldCreateCycle, type AlignmentLink } from "@/lib/alignment/chain";

/** Checks shared by objective and key-result changes. Each reads inside the caller's transaction, scoped to the organisation. */

function notFoundField(field: string, message: string): AppError {
  return new AppError("not_found", message, { [field]: [message] });
}

export async function assertMemberOf(tx: Tx, orgId: string, userId: string, field = "ownerId"): Promise<void> {
  const membership = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId } }, select: { role: true } });
  if (!membership) throw notFoundField(field, "That person is not a member of this organisation");
  if (membership.role === "viewer") throw invalid(field, "Viewers cannot own goals; change their role first");
}

export async function assertActiveTeam(tx: Tx, orgId: string, teamId: string, field = "teamId"): Promise<void> {
  const team = await tx.team.findFirst({ where: { id: teamId, organizationId: orgId }, select: { archivedAt: true } });
  if (!team) throw notFoundField(field, "That team was not found in this organisation");
  if (team.archivedAt) throw invalid(field, "That team is archived");
}

export interface ParentChoice {
  parentObjectiveId: string | null;
  parentKeyResultId: string | null;
}

/**
 * Validates an alignment target and returns the objective directly above: the parent objective, or the objective
 * owning the parent key result. It must be in the same organisation (else not found) and the same cycle.
 */
export async function resolveParent(tx: Tx, orgId: string, cycleId: string, choice: ParentChoice): Promise<string | null> {
  if (choice.parentObjectiveId) {
    const parent = await tx.objective.findFirst({ where: { id: choice.parentObjectiveId, organizationId: orgId }, select: { id: true, cycleId: true, state: true } });
    if (!parent) throw notFoundField("parentObjectiveId", "The objective to align to was not found in this organisation");
    if (parent.cycleId !== cycleId) throw invalid("parentObjectiveId", "Align to an objective of the same cycle");
    if (parent.state === "abandoned") throw invalid("parentObjectiveId", "That objective was abandoned; align to one that is still pursued");
    return parent.id;
  }
  if (choice.parentKeyResultId) {
    const parent = await tx.keyResult.findFirst({ where: { id: choice.parentKeyResultId, organizationId: orgId }, select: { objectiveId: true, cycleId: true } });
    if (!parent) throw notFoundField("parentKeyResultId", "The key result to align to was not found in this organisation");
    if (parent.cycleId !== cycleId) throw invalid("parentKeyResultId", "Align to a key result of the same cycle");
    return parent.objectiveId;
  }
  return null;
}

/** The proposed parent and everything above it, in one recursive query. */
export async function loadAncestors(tx: Tx, orgId: string, startObjectiveId: string): Promise<Map<string, AlignmentLink>> {
  const rows = await tx.$queryRaw<{ id: string; parent_objective_id: string | null; kr_objective_id: string | null }[]>`
    WITH RECURSIVE up AS (
      SELECT o.id, o.parent_objective_id, k.objective_id AS kr_objective_id, 1 AS depth
      FROM objectives o LEFT JOIN key_results k ON k.id = o.parent_key_result_id
      WHERE o.id = ${startObjectiveId}::uuid AND o.organization_id = ${orgId}::uuid
      UNION ALL
      SELECT o.id, o.parent_objective_id, k.objective_id, up.depth + 1
      FROM up
      JOIN objectives o ON o.id = COALESCE(up.parent_objective_id, up.kr_objective_id) AND o.organization_id = ${orgId}::uuid
      LEFT JOIN key_results k ON k.id = o.parent_key_result_id
      WHERE up.depth < 64
    )
    SELECT id::text, parent_objective_id::text, kr_objective_id::text FROM up`;
  return new Map(rows.map((r) => [r.id, { id: r.id, parentObjectiveId: r.parent_objective_id, parentKeyResultObjectiveId: r.kr_objective_id }]));
}

/** Refuses an alignment that would make the objective its own ancestor. */
export async function assertNoAlignmentCycle(tx: Tx, orgId: string, objectiveId: string, parentObjectiveId: string, field: string): Promise<void> {
  const ancestors = await loadAncestors(tx, orgId, parentObjectiveId);
  if (wouldCreateCycle(objectiveId, parentObjectiveId, ancestors)) {
    throw invalid(field, "That would create a loop: the chosen parent is this objective or already sits beneath it");
  }
}
