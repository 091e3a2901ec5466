import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { keyResultResource, lockKeyResult } from "@/lib/key-results/mutations";
import { lockObjective, objectiveResource } from "@/lib/objectives/mutations";
import { assertCan } from "@/lib/permissions";
import { wouldLoop, type DependencyEdge } from "./graph";
import type { AddDependencyInput, AddSupportInput } from "./schemas";

function notFoundField(field: string, message: string): AppError {
  return new AppError("not_found", message, { [field]: [message] });
}

/**
 * Serialises dependency changes within an organisation: the loop check reads the chain without locking it, so two
 * changes at once (A on B, B on A) could each pass it and together make a loop.
 */
async function lockDependencies(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`keel:key-result-dependencies:${orgId}`}, 0))`;
}

/** The dependencies reachable from a key result by following "depends on": all a loop check needs, however large the organisation. */
async function chainFrom(tx: Tx, orgId: string, keyResultId: string): Promise<DependencyEdge[]> {
  return tx.$queryRaw<DependencyEdge[]>`
    WITH RECURSIVE chain AS (
      SELECT d.key_result_id, d.depends_on_id FROM key_result_dependencies d
       WHERE d.organization_id = ${orgId}::uuid AND d.key_result_id = ${keyResultId}::uuid
      UNION
      SELECT d.key_result_id, d.depends_on_id FROM chain c
        JOIN key_result_dependencies d ON d.organization_id = ${orgId}::uuid AND d.key_result_id = c.depends_on_id)
    SELECT key_result_id::text AS "keyResultId", depends_on_id::text AS "dependsOnId" FROM chain`;
}

/**
 * Records that a key result cannot succeed unless another does. The other one must be in the same organisation (else
 * not found) and cycle, belong to another objective, and not already depend on this one through any chain.
 */
export async function addDependency(actor: Actor, keyResultId: string, input: AddDependencyInput) {
  return db.$transaction(async (tx) => {
    await lockDependencies(tx, actor.orgId);
    const { keyResult, objective } = await lockKeyResult(tx, actor.orgId, keyResultId);
    assertCan(actor, "keyresult.update", keyResultResource(keyResult, objective));
    assertCycleOpen(objective.cycle);
    const other = await tx.keyResult.findFirst({ where: { id: input.dependsOnId, organizationId: actor.orgId }, select: { id: true, cycleId: true, objectiveId: true, title: true } });
    if (!other) throw notFoundField("dependsOnId", "The key result to depend on was not found in this organisation");
    if (other.id === keyResult.id) throw invalid("dependsOnId", "A key result cannot depend on itself");
    if (other.cycleId !== keyResult.cycleId) throw invalid("dependsOnId", "Depend on a key result of the same cycle");
    if (other.objectiveId === keyResult.objectiveId) throw invalid("dependsOnId", "Key results of one objective already succeed together; depend on another objective's key result");
    const existing = await tx.keyResultDependency.findUnique({ where: { keyResultId_dependsOnId: { keyResultId, dependsOnId: other.id } }, select: { id: true } });
    if (existing) throw conflict(`“${keyResult.title}” already depends on “${other.title}”`);
    if (wouldLoop(await chainFrom(tx, actor.orgId, other.id), keyResultId, other.id)) {
      throw invalid("dependsOnId", `“${other.title}” already depends on “${keyResult.title}”, through a chain of dependencies; one of them must lead`);
    }
    const dependency = await tx.keyResultDependency.create({
      data: { organizationId: actor.orgId, keyResultId, dependsOnId: other.id },
      select: { id: true, keyResultId: true, dependsOnId: true, createdAt: true },
    });
    await recordAudit(tx, actor, { entityType: "key_result", entityId: keyResultId, action: "keyresult.dependency_added", after: { dependsOnId: other.id, dependsOnTitle: other.title } });
    return dependency;
  });
}

export async function removeDependency(actor: Actor, keyResultId: string, dependsOnId: string) {
  return db.$transaction(async (tx) => {
    const { keyResult, objective } = await lockKeyResult(tx, actor.orgId, keyResultId);
    assertCan(actor, "keyresult.update", keyResultResource(keyResult, objective));
    assertCycleOpen(objective.cycle);
    const dependency = await tx.keyResultDependency.findFirst({ where: { organizationId: actor.orgId, keyResultId, dependsOnId }, select: { id: true, dependsOn: { select: { title: true } } } });
    if (!dependency) throw notFound("That dependency");
    await tx.keyResultDependency.delete({ where: { id: dependency.id } });
    await recordAudit(tx, actor, { entityType: "key_result", entityId: keyResultId, action: "keyresult.dependency_removed", before: { dependsOnId, dependsOnTitle: dependency.dependsOn.title } });
  });
}

/**
 * Records that an objective also supports another objective or key result, besides the one it is aligned beneath:
 * drawn dashed and never counted. The target must be of the same organisation (else not found) and cycle, and not
 * the objective itself, one of its own key results, or the place it is already aligned beneath.
 */
export async function addSupport(actor: Actor, objectiveId: string, input: AddSupportInput) {
  return db.$transaction(async (tx) => {
    const objective = await lockObjective(tx, actor.orgId, objectiveId);
    assertCan(actor, "objective.update", objectiveResource(objective));
    assertCycleOpen(objective.cycle);
    let targetTitle: string;
    if (input.supportsObjectiveId) {
      const target = await tx.objective.findFirst({ where: { id: input.supportsObjectiveId, organizationId: actor.orgId }, select: { id: true, cycleId: true, title: true } });
      if (!target) throw notFoundField("supportsObjectiveId", "The objective to support was not found in this organisation");
      if (target.id === objective.id) throw invalid("supportsObjectiveId", "An objective cannot support itself");
      if (target.cycleId !== objective.cycleId) throw invalid("supportsObjectiveId", "Support an objective of the same cycle");
      if (target.id === objective.parentObjectiveId) throw invalid("supportsObjectiveId", "This objective is already aligned beneath that one");
      targetTitle = target.title;
    } else {
      const target = await tx.keyResult.findFirst({ where: { id: input.supportsKeyResultId!, organizationId: actor.orgId }, select: { id: true, cycleId: true, objectiveId: true, title: true } });
      if (!target) throw notFoundField("supportsKeyResultId", "The key result to support was not found in this organisation");
      if (target.objectiveId === objective.id) throw invalid("supportsKeyResultId", "An objective cannot support its own key result");
      if (target.cycleId !== objective.cycleId) throw invalid("supportsKeyResultId", "Support a key result of the same cycle");
      if (target.id === objective.parentKeyResultId) throw invalid("supportsKeyResultId", "This objective is already aligned beneath that key result");
      targetTitle = target.title;
    }
    const existing = await tx.objectiveSupport.findFirst({
      where: { organizationId: actor.orgId, objectiveId, supportsObjectiveId: input.supportsObjectiveId ?? null, supportsKeyResultId: input.supportsKeyResultId ?? null },
      select: { id: true },
    });
    if (existing) throw conflict(`“${objective.title}” already supports “${targetTitle}”`);
    const support = await tx.objectiveSupport.create({
      data: { organizationId: actor.orgId, objectiveId, supportsObjectiveId: input.supportsObjectiveId ?? null, supportsKeyResultId: input.supportsKeyResultId ?? null },
      select: { id: true, objectiveId: true, supportsObjectiveId: true, supportsKeyResultId: true, createdAt: true },
    });
    await recordAudit(tx, actor, {
      entityType: "objective",
      entityId: objectiveId,
      action: "objective.support_added",
      after: { supportsObjectiveId: support.supportsObjectiveId, supportsKeyResultId: support.supportsKeyResultId, supportsTitle: targetTitle },
    });
    return support;
  });
}

export async function removeSupport(actor: Actor, objectiveId: string, supportId: string) {
  return db.$transaction(async (tx) => {
    const objective = await lockObjective(tx, actor.orgId, objectiveId);
    assertCan(actor, "objective.update", objectiveResource(objective));
    assertCycleOpen(objective.cycle);
    const support = await tx.objectiveSupport.findFirst({ where: { id: supportId, organizationId: actor.orgId, objectiveId }, select: { id: true, supportsObjectiveId: true, supportsKeyResultId: true } });
    if (!support) throw notFound("That support");
    await tx.objectiveSupport.delete({ where: { id: support.id } });
    await recordAudit(tx, actor, { entityType: "objective", entityId: objectiveId, action: "objective.support_removed", before: support });
  });
}
