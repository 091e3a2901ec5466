import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { closeCycle, lockCycle } from "@/lib/cycles/mutations";
import { db, type Tx } from "@/lib/db/prisma";
import { conflict, notFound } from "@/lib/errors";
import { keyResultResource } from "@/lib/key-results/mutations";
import { lockObjective, objectiveResource } from "@/lib/objectives/mutations";
import { assertCan } from "@/lib/permissions";
import { dec } from "@/lib/progress/decimal";
import { countScoring } from "./queries";
import type { CloseCycleInput, ObjectiveClosingInput, RetrospectiveInput, ScoreEntry } from "./schemas";

interface CycleLock {
  id: string;
  name: string;
  state: string;
}

/**
 * Locks the cycles for sharing until the transaction ends: closing a cycle locks its row for update, so a score or
 * a retrospective either lands before the cycle closes or sees it closed, never in between.
 */
async function shareLockCycles(tx: Tx, orgId: string, cycleIds: string[]): Promise<Map<string, CycleLock>> {
  const ids = [...new Set(cycleIds)].sort();
  const rows = await tx.$queryRaw<CycleLock[]>`
    SELECT id::text AS id, name, state::text AS state FROM cycles
    WHERE organization_id = ${orgId}::uuid AND id = ANY(${ids}::uuid[])
    ORDER BY id FOR SHARE`;
  return new Map(rows.map((r) => [r.id, r]));
}

/** Scores and retrospectives are written while a cycle is being closed: while it is active, not before nor after. */
function assertCycleScorable(cycle: CycleLock) {
  if (cycle.state === "closed") throw conflict(`${cycle.name} is closed and read-only`);
  if (cycle.state !== "active") throw conflict(`${cycle.name} is still in planning; key results are scored when an active cycle closes`);
}

export interface ScoreResult {
  keyResultId: string;
  score: string;
  isChanged: boolean;
}

export interface ScoreOptions {
  /** Runs inside the caller's transaction (the closing form saves scores and the retrospective together). */
  tx?: Tx;
  /** Every key result must belong to this cycle (the API's `/cycles/:id/scores`). */
  cycleId?: string;
  /** Every key result must belong to this objective (the closing form of one objective). */
  objectiveId?: string;
  /** How an entry's field is named in errors: `scores.<i>.keyResultId` for the API. */
  field?: (index: number, name: string) => string;
}

/**
 * Scores key results, 0.0 to 1.0, all or nothing. Each needs `score.update` on the key result (its owner, the
 * objective's owner, a lead of its team, an admin), in an active cycle. One history event per score that changed.
 */
export async function scoreKeyResults(actor: Actor, input: { scores: readonly ScoreEntry[] }, options: ScoreOptions = {}): Promise<ScoreResult[]> {
  const field = options.field ?? ((i: number, name: string) => `scores.${i}.${name}`);
  const work = async (tx: Tx): Promise<ScoreResult[]> => {
    if (!input.scores.length) return [];
    const ids = [...new Set(input.scores.map((s) => s.keyResultId))].sort();
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM key_results
      WHERE organization_id = ${actor.orgId}::uuid AND id = ANY(${ids}::uuid[])
      ORDER BY id FOR UPDATE`;
    const found = new Set(locked.map((r) => r.id));
    input.scores.forEach((entry, i) => {
      if (!found.has(entry.keyResultId)) throw notFoundAt(field(i, "keyResultId"));
    });
    const keyResults = await tx.keyResult.findMany({
      where: { organizationId: actor.orgId, id: { in: ids } },
      select: { id: true, title: true, ownerId: true, cycleId: true, objectiveId: true, score: true, objective: { select: { ownerId: true, teamId: true } } },
    });
    const byId = new Map(keyResults.map((kr) => [kr.id, kr]));
    const cycles = await shareLockCycles(tx, actor.orgId, keyResults.map((kr) => kr.cycleId));

    input.scores.forEach((entry, i) => {
      const kr = byId.get(entry.keyResultId)!;
      // A key result of another cycle or objective than the one addressed is not part of it: not found there.
      if ((options.cycleId && kr.cycleId !== options.cycleId) || (options.objectiveId && kr.objectiveId !== options.objectiveId)) {
        throw notFoundAt(field(i, "keyResultId"));
      }
      assertCan(actor, "score.update", keyResultResource(kr, kr.objective));
      assertCycleScorable(cycles.get(kr.cycleId)!);
    });

    const results: ScoreResult[] = [];
    for (const entry of input.scores) {
      const kr = byId.get(entry.keyResultId)!;
      const isChanged = kr.score === null || !dec(kr.score.toString()).equals(dec(entry.score));
      results.push({ keyResultId: kr.id, score: entry.score, isChanged });
      if (!isChanged) continue;
      await tx.keyResult.update({ where: { id: kr.id }, data: { score: entry.score } });
      await recordAudit(tx, actor, {
        entityType: "key_result",
        entityId: kr.id,
        action: "keyresult.scored",
        before: { score: kr.score?.toString() ?? null },
        after: { score: entry.score },
      });
    }
    return results;
  };
  return options.tx ? work(options.tx) : db.$transaction(work);
}

function notFoundAt(field: string) {
  const error = notFound("That key result");
  error.fieldErrors[field] = [error.message];
  return error;
}

export interface RetrospectiveResult {
  objectiveId: string;
  wentWell: string;
  learned: string;
  isChanged: boolean;
}

/** An objective's retrospective (what went well, what we learned); `retro.update` on the objective, active cycle. */
export async function saveRetrospective(actor: Actor, objectiveId: string, input: RetrospectiveInput, options: { tx?: Tx } = {}): Promise<RetrospectiveResult> {
  const work = async (tx: Tx): Promise<RetrospectiveResult> => {
    const objective = await lockObjective(tx, actor.orgId, objectiveId);
    assertCan(actor, "retro.update", objectiveResource(objective));
    const cycles = await shareLockCycles(tx, actor.orgId, [objective.cycleId]);
    assertCycleScorable(cycles.get(objective.cycleId)!);

    const current = await tx.objective.findUniqueOrThrow({ where: { id: objectiveId }, select: { retroWentWell: true, retroLearned: true } });
    const before = { retroWentWell: current.retroWentWell ?? "", retroLearned: current.retroLearned ?? "" };
    const after = { retroWentWell: input.wentWell, retroLearned: input.learned };
    const isChanged = before.retroWentWell !== after.retroWentWell || before.retroLearned !== after.retroLearned;
    if (isChanged) {
      await tx.objective.update({
        where: { id: objectiveId },
        data: { retroWentWell: after.retroWentWell || null, retroLearned: after.retroLearned || null },
      });
      await recordAudit(tx, actor, { entityType: "objective", entityId: objectiveId, action: "objective.retrospective", before, after });
    }
    return { objectiveId, wentWell: after.retroWentWell, learned: after.retroLearned, isChanged };
  };
  return options.tx ? work(options.tx) : db.$transaction(work);
}

/**
 * The closing form of one objective: its key results' scores and its retrospective, saved together or not at all.
 * Key results are locked before the objective, in the same order check-ins lock them.
 */
export async function saveObjectiveClosing(actor: Actor, input: ObjectiveClosingInput) {
  const scores = Object.entries(input.scores).map(([keyResultId, score]) => ({ keyResultId, score }));
  return db.$transaction(async (tx) => {
    const scored = await scoreKeyResults(actor, { scores }, { tx, objectiveId: input.objectiveId, field: (i) => `scores.${scores[i]!.keyResultId}` });
    const retrospective = input.retro ? await saveRetrospective(actor, input.objectiveId, input.retro, { tx }) : null;
    if (!input.retro) {
      // Nothing but scores: the objective must still be this organisation's, even when no score was sent.
      await lockObjective(tx, actor.orgId, input.objectiveId);
    }
    return { scored, retrospective };
  });
}

/**
 * Closes an active cycle with its summary. While key results are unscored it refuses (409, with the count) unless
 * `force` was sent deliberately ("Close anyway"). The summary and the close land in one transaction.
 */
export async function closeCycleWithSummary(actor: Actor, cycleId: string, input: CloseCycleInput) {
  assertCan(actor, "cycle.manage");
  return db.$transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor.orgId, cycleId);
    if (cycle.state !== "active") throw conflict(`${cycle.name} is ${cycle.state}; only an active cycle can be closed`);
    const counts = await countScoring(tx, actor.orgId, cycleId);
    if (counts.unscored > 0 && !input.force) {
      throw conflict(
        `${counts.unscored} key result${counts.unscored === 1 ? " is" : "s are"} still unscored. Score ${counts.unscored === 1 ? "it" : "them"} first, or choose “Close anyway”.`,
      );
    }
    const closed = await closeCycle(actor, cycleId, { summary: input.summary || undefined }, tx);
    return { ...closed, unscored: counts.unscored };
  });
}
