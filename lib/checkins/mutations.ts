import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { weekOf } from "@/lib/dates/week";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { storedProgress, syncObjectiveProgress } from "@/lib/key-results/progress-sync";
import { dec } from "@/lib/progress";
import { assertCan } from "@/lib/permissions";
import type { CheckInEntry, ConfidenceValue } from "./schemas";

export interface RecordedCheckIn {
  id: string;
  keyResultId: string;
  objectiveId: string;
  authorId: string;
  week: Date;
  value: string;
  confidence: ConfidenceValue;
  note: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** True when this made the week's first check-in, false when it updated it. */
  isNew: boolean;
  keyResultProgress: string;
  objectiveProgress: string;
}

interface RecordOptions {
  now?: Date;
  /** Run inside this transaction (the API's idempotent create) instead of a new one. */
  tx?: Tx;
  /** How a row's field is named in errors: "value" for a single check-in, "entries.2.value" for the my-week form. */
  field?: (index: number, name: string) => string;
}

/** The value a key result of this type accepts, or why not. */
function valueProblem(kr: { type: string; targetValue: { toString(): string }; milestones: string[] }, value: string): string | null {
  const v = dec(value);
  if (kr.type === "yes_no" && !(v.equals(0) || v.equals(1))) return "Enter 1 for yes or 0 for no";
  if (kr.type === "milestone") {
    const count = kr.milestones.length || Number(kr.targetValue.toString());
    if (!v.isInteger() || v.lessThan(0) || v.greaterThan(count)) return `Enter how many of the ${count} milestones are reached (0 to ${count})`;
  }
  return null;
}

/**
 * Saves check-ins for the current week (in the author's time zone): one per key result and week, so checking in
 * again the same week updates that week's entry, and every saved state is kept as a version. The key result's
 * current value, progress and confidence and its objective's progress move in the same transaction.
 *
 * Concurrency: the key result rows, then their objectives, are locked in id order before anything is read, so two
 * submissions for the same key result queue up behind each other: one check-in row, both versions, and each
 * objective's progress recomputed from committed key results. All or nothing: one refused row writes no row.
 */
export async function recordCheckIns(actor: Actor, entries: readonly CheckInEntry[], options: RecordOptions = {}): Promise<RecordedCheckIn[]> {
  const now = options.now ?? new Date();
  const field = options.field ?? ((_i: number, name: string) => name);
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (seen.has(entry.keyResultId)) throw invalid(field(i, "keyResultId"), "This key result is in the list twice");
    seen.add(entry.keyResultId);
  });

  const work = async (tx: Tx): Promise<RecordedCheckIn[]> => {
    const ids = [...seen].sort();
    const locked = await tx.$queryRaw<{ id: string; objective_id: string }[]>`
      SELECT id::text AS id, objective_id::text AS objective_id FROM key_results
      WHERE organization_id = ${actor.orgId}::uuid AND id = ANY(${ids}::uuid[])
      ORDER BY id FOR UPDATE`;
    const found = new Set(locked.map((r) => r.id));
    entries.forEach((entry) => {
      if (!found.has(entry.keyResultId)) throw notFound("That key result");
    });
    const objectiveIds = [...new Set(locked.map((r) => r.objective_id))].sort();
    await tx.$queryRaw`SELECT id FROM objectives WHERE organization_id = ${actor.orgId}::uuid AND id = ANY(${objectiveIds}::uuid[]) ORDER BY id FOR UPDATE`;

    const [keyResults, author] = await Promise.all([
      tx.keyResult.findMany({
        where: { organizationId: actor.orgId, id: { in: ids } },
        select: {
          id: true,
          title: true,
          ownerId: true,
          type: true,
          direction: true,
          startValue: true,
          targetValue: true,
          currentValue: true,
          confidence: true,
          milestones: true,
          objective: { select: { id: true, ownerId: true, teamId: true, state: true, title: true } },
          cycle: { select: { name: true, state: true } },
        },
      }),
      tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true } }),
    ]);
    const byId = new Map(keyResults.map((kr) => [kr.id, kr]));
    const week = weekOf(now, author.timeZone);

    entries.forEach((entry, i) => {
      const kr = byId.get(entry.keyResultId)!;
      assertCan(actor, "checkin.create", { ownerIds: [kr.ownerId, kr.objective.ownerId], teamId: kr.objective.teamId });
      assertCycleOpen(kr.cycle);
      if (kr.objective.state === "abandoned") throw conflict(`"${kr.objective.title}" was abandoned; its key results take no more check-ins`);
      const problem = valueProblem(kr, entry.value);
      if (problem) throw invalid(field(i, "value"), problem);
    });

    const existing = await tx.checkIn.findMany({
      where: { organizationId: actor.orgId, keyResultId: { in: ids }, week },
      select: { id: true, keyResultId: true, value: true, confidence: true, note: true, version: true },
    });
    const existingByKr = new Map(existing.map((c) => [c.keyResultId, c]));

    const saved: Omit<RecordedCheckIn, "objectiveProgress">[] = [];
    for (const entry of entries) {
      const kr = byId.get(entry.keyResultId)!;
      const before = existingByKr.get(kr.id);
      const select = { id: true, week: true, value: true, confidence: true, note: true, version: true, createdAt: true, updatedAt: true, authorId: true } as const;
      let row;
      if (before) {
        const updated = await tx.checkIn.updateManyAndReturn({
          where: { id: before.id, organizationId: actor.orgId },
          data: { value: entry.value, confidence: entry.confidence, note: entry.note, authorId: actor.userId, version: { increment: 1 }, updatedAt: now },
          select,
        });
        row = updated[0]!;
        await tx.checkInVersion.create({
          data: { organizationId: actor.orgId, checkInId: row.id, authorId: actor.userId, version: row.version, value: entry.value, confidence: entry.confidence, note: entry.note, createdAt: now },
        });
      } else {
        row = await tx.checkIn.create({
          data: {
            organizationId: actor.orgId,
            keyResultId: kr.id,
            authorId: actor.userId,
            week,
            value: entry.value,
            confidence: entry.confidence,
            note: entry.note,
            createdAt: now,
            updatedAt: now,
            versions: { create: { organizationId: actor.orgId, authorId: actor.userId, version: 1, value: entry.value, confidence: entry.confidence, note: entry.note, createdAt: now } },
          },
          select,
        });
      }
      const progress = storedProgress(kr, entry.value);
      await tx.keyResult.updateMany({
        where: { id: kr.id, organizationId: actor.orgId },
        data: { currentValue: entry.value, progress, confidence: entry.confidence, lastCheckInAt: now },
      });
      await recordAudit(tx, actor, {
        entityType: "check_in",
        entityId: row.id,
        action: before ? "checkin.updated" : "checkin.created",
        before: before
          ? { value: before.value, confidence: before.confidence, note: before.note, version: before.version }
          : { keyResultValue: kr.currentValue, keyResultConfidence: kr.confidence },
        after: { keyResultId: kr.id, week: row.week, value: row.value, confidence: row.confidence, note: row.note, version: row.version },
      });
      saved.push({
        ...row,
        value: row.value.toString(),
        keyResultId: kr.id,
        objectiveId: kr.objective.id,
        isNew: !before,
        keyResultProgress: progress,
      });
    }

    const objectiveProgress = new Map<string, string>();
    for (const objectiveId of objectiveIds) objectiveProgress.set(objectiveId, await syncObjectiveProgress(tx, actor.orgId, objectiveId));
    return saved.map((s) => ({ ...s, objectiveProgress: objectiveProgress.get(s.objectiveId)! }));
  };

  if (options.tx) return work(options.tx);
  return db.$transaction(work, { timeout: 20_000 });
}

/** A single check-in, as the API takes it. */
export async function recordCheckIn(actor: Actor, entry: CheckInEntry, options: RecordOptions = {}): Promise<RecordedCheckIn> {
  const [saved] = await recordCheckIns(actor, [entry], options);
  if (!saved) throw new AppError("validation", "Nothing to save");
  return saved;
}
