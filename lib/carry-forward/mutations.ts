import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { lockCycle } from "@/lib/cycles/mutations";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, conflict, invalid } from "@/lib/errors";
import type { Direction, KeyResultType } from "@/lib/generated/prisma/enums";
import { storedProgress } from "@/lib/key-results/progress-sync";
import { assertCan } from "@/lib/permissions";
import { round4, targetProblem, weightedMean } from "@/lib/progress";
import { createIdGenerator } from "./ids";
import type { CarryForwardInput } from "./schemas";

export type CarriedAlignment = "kept" | "lost" | "none";

export interface CarriedObjective {
  fromObjectiveId: string;
  objectiveId: string;
  title: string;
  keyResultCount: number;
  /** "kept": aligned to the copy of its parent; "lost": its parent has no usable copy; "none": it was not aligned. */
  alignment: CarriedAlignment;
  lostAlignmentReason: string | null;
  /** The owner is no longer a member (or now a viewer), so the copy belongs to whoever carried it. */
  isOwnerChanged: boolean;
}

export interface CarryForwardResult {
  toCycle: { id: string; name: string };
  carried: CarriedObjective[];
}

function notFoundField(field: string, message: string) {
  return new AppError("not_found", message, { [field]: [message] });
}

interface KeyResultSource {
  type: KeyResultType;
  direction: Direction;
  startValue: { toString(): string };
  targetValue: { toString(): string };
  currentValue: { toString(): string };
}

/**
 * Where a copied key result starts: where the original got to. Milestones and yes/no keep their fixed scale (start 0,
 * what was reached stays reached). A number whose target was already reached would make a measure that cannot be
 * saved again (start past the target), so it keeps its original start and shows as achieved. An initiatives-done
 * key result starts from none: its initiatives stay with the cycle they were done in, and the copy counts new ones.
 */
function carriedMeasure(kr: KeyResultSource): { startValue: string; targetValue: string; currentValue: string } {
  const current = kr.currentValue.toString();
  const targetValue = kr.targetValue.toString();
  if (kr.type === "initiatives") return { startValue: "0", targetValue: "0", currentValue: "0" };
  if (kr.type === "milestone" || kr.type === "yes_no") return { startValue: kr.startValue.toString(), targetValue, currentValue: current };
  const problem = targetProblem({ type: kr.type, direction: kr.direction, start: current, target: targetValue });
  return { startValue: problem ? kr.startValue.toString() : current, targetValue, currentValue: current };
}

/**
 * Copies objectives of one cycle into a cycle in planning or active, with their key results (starting where the
 * originals got to, same targets, not scored). Alignment follows: a copy aligns to the copy of its parent objective
 * or key result when that parent is carried in the same call or was carried before; otherwise it is left
 * unaligned and reported as such. An objective is carried into a cycle once. One transaction, all or nothing.
 */
export async function carryForward(actor: Actor, input: CarryForwardInput): Promise<CarryForwardResult> {
  if (input.fromCycleId === input.toCycleId) throw invalid("toCycleId", "Choose another cycle than the one the objectives come from");
  return db.$transaction(async (tx) => {
    // Locking the target serialises carries into it, so two people cannot carry the same objective twice at once.
    const target = await lockCycle(tx, actor.orgId, input.toCycleId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") throw notFoundField("toCycleId", "That cycle was not found in this organisation");
      throw error;
    });
    if (target.state === "closed") throw conflict(`${target.name} is closed; carry objectives into a cycle in planning or active`);

    // One connection serves the transaction, so its queries run one after another rather than in parallel.
    const source = await tx.cycle.findFirst({ where: { id: input.fromCycleId, organizationId: actor.orgId }, select: { id: true, name: true } });
    const originals = await loadOriginals(tx, actor.orgId, input.fromCycleId, input.objectiveIds);
    if (!source) throw notFoundField("fromCycleId", "That cycle was not found in this organisation");
    const byId = new Map(originals.map((o) => [o.id, o]));
    input.objectiveIds.forEach((id, i) => {
      if (!byId.has(id)) throw notFoundField(`objectiveIds.${i}`, "That objective was not found in this cycle");
    });
    const chosen = input.objectiveIds.map((id) => byId.get(id)!);

    const ownerIds = new Set<string>();
    for (const o of chosen) {
      ownerIds.add(o.ownerId);
      for (const kr of o.keyResults) ownerIds.add(kr.ownerId);
    }
    const outsideParents = new Set<string>();
    for (const o of chosen) {
      if (o.parentObjectiveId && !byId.has(o.parentObjectiveId)) outsideParents.add(o.parentObjectiveId);
      if (o.parentKeyResult && !byId.has(o.parentKeyResult.objectiveId)) outsideParents.add(o.parentKeyResult.objectiveId);
    }
    const teamIds = [...new Set(chosen.map((o) => o.teamId).filter((t): t is string => t !== null))];

    const alreadyCarried = await tx.objective.findMany({
      where: { organizationId: actor.orgId, cycleId: target.id, carriedFromId: { in: input.objectiveIds } },
      select: { carriedFromId: true },
    });
    if (alreadyCarried.length) {
      const titles = alreadyCarried.map((c) => `“${byId.get(c.carriedFromId!)?.title ?? ""}”`).join(", ");
      throw conflict(`Already carried into ${target.name}: ${titles}. An objective is carried into a cycle once.`);
    }
    const memberships = await tx.membership.findMany({ where: { organizationId: actor.orgId, userId: { in: [...ownerIds] } }, select: { userId: true, role: true } });
    const teams = await tx.team.findMany({ where: { organizationId: actor.orgId, id: { in: teamIds } }, select: { id: true, archivedAt: true } });
    const earlierCopies = outsideParents.size
      ? await tx.objective.findMany({
          where: { organizationId: actor.orgId, cycleId: target.id, carriedFromId: { in: [...outsideParents] } },
          select: { id: true, carriedFromId: true, state: true, keyResults: { select: { id: true, title: true } } },
          orderBy: { createdAt: "asc" },
        })
      : [];
    const last = await tx.objective.aggregate({ where: { organizationId: actor.orgId, cycleId: target.id }, _max: { position: true } });
    const eligibleOwners = new Set(memberships.filter((m) => m.role !== "viewer").map((m) => m.userId));
    const archivedTeams = new Set(teams.filter((t) => t.archivedAt).map((t) => t.id));

    const nextId = createIdGenerator();
    const copyIdOf = new Map(chosen.map((o) => [o.id, nextId()]));
    const plans = chosen.map((o, i) => {
      if (o.teamId && archivedTeams.has(o.teamId)) {
        throw invalid(`objectiveIds.${i}`, `“${o.title}” belongs to an archived team; it cannot be carried forward`);
      }
      const ownerId = eligibleOwners.has(o.ownerId) ? o.ownerId : actor.userId;
      if (o.level === "company") assertCan(actor, "objective.create_company");
      else assertCan(actor, "objective.create", { ownerIds: [ownerId], teamId: o.teamId });
      const keyResults = o.keyResults.map((kr, position) => {
        const measure = carriedMeasure(kr);
        return {
          id: nextId(),
          fromId: kr.id,
          organizationId: actor.orgId,
          cycleId: target.id,
          objectiveId: copyIdOf.get(o.id)!,
          ownerId: eligibleOwners.has(kr.ownerId) ? kr.ownerId : ownerId,
          title: kr.title,
          type: kr.type,
          direction: kr.direction,
          startValue: measure.startValue,
          targetValue: measure.targetValue,
          currentValue: measure.currentValue,
          unit: kr.unit,
          milestones: kr.milestones,
          weight: kr.weight.toString(),
          position,
          progress: storedProgress({ type: kr.type, direction: kr.direction, startValue: measure.startValue, targetValue: measure.targetValue }, measure.currentValue),
        };
      });
      return { original: o, id: copyIdOf.get(o.id)!, ownerId, keyResults, position: (last._max.position ?? -1) + 1 + i };
    });

    // Key results of copies made in this call, by original id: a child aligned to a key result follows its copy.
    const krCopyOf = new Map(plans.flatMap((p) => p.keyResults.map((kr) => [kr.fromId, kr.id] as const)));
    const earlierByOriginal = new Map<string, (typeof earlierCopies)[number]>();
    for (const copy of earlierCopies) if (copy.carriedFromId && !earlierByOriginal.has(copy.carriedFromId)) earlierByOriginal.set(copy.carriedFromId, copy);

    const alignments = plans.map((plan) => resolveAlignment(plan.original, { copyIdOf, krCopyOf, earlierByOriginal, targetName: target.name }));

    await tx.objective.createMany({
      data: plans.map((plan) => ({
        id: plan.id,
        organizationId: actor.orgId,
        cycleId: target.id,
        level: plan.original.level,
        teamId: plan.original.teamId,
        ownerId: plan.ownerId,
        title: plan.original.title,
        whyItMatters: plan.original.whyItMatters,
        kind: plan.original.kind,
        state: "active" as const,
        position: plan.position,
        progress: round4(weightedMean(plan.keyResults)),
        carriedFromId: plan.original.id,
      })),
    });
    const keyResultRows = plans.flatMap((plan) => plan.keyResults.map(({ fromId: _fromId, ...row }) => row));
    if (keyResultRows.length) await tx.keyResult.createMany({ data: keyResultRows });

    // Alignment is set once every copy and its key results exist: parents may be rows inserted in this same call.
    const toObjective = plans.flatMap((plan, i) => (alignments[i]!.parentObjectiveId ? [[plan.id, alignments[i]!.parentObjectiveId!] as const] : []));
    const toKeyResult = plans.flatMap((plan, i) => (alignments[i]!.parentKeyResultId ? [[plan.id, alignments[i]!.parentKeyResultId!] as const] : []));
    if (toObjective.length) {
      await tx.$executeRaw`
        UPDATE objectives o SET parent_objective_id = v.parent
        FROM unnest(${toObjective.map((a) => a[0])}::uuid[], ${toObjective.map((a) => a[1])}::uuid[]) AS v(id, parent)
        WHERE o.id = v.id AND o.organization_id = ${actor.orgId}::uuid`;
    }
    if (toKeyResult.length) {
      await tx.$executeRaw`
        UPDATE objectives o SET parent_key_result_id = v.parent
        FROM unnest(${toKeyResult.map((a) => a[0])}::uuid[], ${toKeyResult.map((a) => a[1])}::uuid[]) AS v(id, parent)
        WHERE o.id = v.id AND o.organization_id = ${actor.orgId}::uuid`;
    }

    const carried: CarriedObjective[] = [];
    for (const [i, plan] of plans.entries()) {
      const alignment = alignments[i]!;
      await recordAudit(tx, actor, {
        entityType: "objective",
        entityId: plan.id,
        action: "objective.carried_forward",
        after: {
          fromObjectiveId: plan.original.id,
          fromCycleId: source.id,
          toCycleId: target.id,
          title: plan.original.title,
          ownerId: plan.ownerId,
          keyResults: plan.keyResults.length,
          parentObjectiveId: alignment.parentObjectiveId,
          parentKeyResultId: alignment.parentKeyResultId,
        },
        reason: alignment.lostReason,
      });
      carried.push({
        fromObjectiveId: plan.original.id,
        objectiveId: plan.id,
        title: plan.original.title,
        keyResultCount: plan.keyResults.length,
        alignment: alignment.kind,
        lostAlignmentReason: alignment.lostReason,
        isOwnerChanged: plan.ownerId !== plan.original.ownerId,
      });
    }
    return { toCycle: { id: target.id, name: target.name }, carried };
  });
}

async function loadOriginals(tx: Tx, orgId: string, cycleId: string, ids: string[]) {
  return tx.objective.findMany({
    where: { organizationId: orgId, cycleId, id: { in: ids } },
    select: {
      id: true,
      level: true,
      teamId: true,
      ownerId: true,
      title: true,
      whyItMatters: true,
      kind: true,
      parentObjectiveId: true,
      parentObjective: { select: { title: true } },
      parentKeyResult: { select: { id: true, title: true, objectiveId: true, objective: { select: { title: true } } } },
      keyResults: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: {
          id: true,
          ownerId: true,
          title: true,
          type: true,
          direction: true,
          startValue: true,
          targetValue: true,
          currentValue: true,
          unit: true,
          milestones: true,
          weight: true,
        },
      },
    },
  });
}

type Original = Awaited<ReturnType<typeof loadOriginals>>[number];

interface AlignmentContext {
  copyIdOf: ReadonlyMap<string, string>;
  krCopyOf: ReadonlyMap<string, string>;
  earlierByOriginal: ReadonlyMap<string, { id: string; state: string; keyResults: { id: string; title: string }[] }>;
  targetName: string;
}

interface ResolvedAlignment {
  kind: CarriedAlignment;
  parentObjectiveId: string | null;
  parentKeyResultId: string | null;
  lostReason: string | null;
}

const NONE: ResolvedAlignment = { kind: "none", parentObjectiveId: null, parentKeyResultId: null, lostReason: null };
const lost = (reason: string): ResolvedAlignment => ({ kind: "lost", parentObjectiveId: null, parentKeyResultId: null, lostReason: reason });

function resolveAlignment(o: Original, ctx: AlignmentContext): ResolvedAlignment {
  if (o.parentObjectiveId) {
    const title = o.parentObjective?.title ?? "its parent";
    const inCall = ctx.copyIdOf.get(o.parentObjectiveId);
    if (inCall) return { kind: "kept", parentObjectiveId: inCall, parentKeyResultId: null, lostReason: null };
    const earlier = ctx.earlierByOriginal.get(o.parentObjectiveId);
    if (!earlier) return lost(`“${title}” was not carried into ${ctx.targetName}`);
    if (earlier.state === "abandoned") return lost(`The copy of “${title}” in ${ctx.targetName} was abandoned`);
    return { kind: "kept", parentObjectiveId: earlier.id, parentKeyResultId: null, lostReason: null };
  }
  if (o.parentKeyResult) {
    const parent = o.parentKeyResult;
    const inCall = ctx.krCopyOf.get(parent.id);
    if (inCall) return { kind: "kept", parentObjectiveId: null, parentKeyResultId: inCall, lostReason: null };
    const earlier = ctx.earlierByOriginal.get(parent.objectiveId);
    if (!earlier) return lost(`“${parent.objective.title}” was not carried into ${ctx.targetName}`);
    if (earlier.state === "abandoned") return lost(`The copy of “${parent.objective.title}” in ${ctx.targetName} was abandoned`);
    // Copied key results carry no link back; the title is what identifies them, since positions may have moved.
    const match = earlier.keyResults.find((kr) => kr.title === parent.title);
    if (!match) return lost(`The key result “${parent.title}” is no longer in the copy of “${parent.objective.title}”`);
    return { kind: "kept", parentObjectiveId: null, parentKeyResultId: match.id, lostReason: null };
  }
  return NONE;
}
