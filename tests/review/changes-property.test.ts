import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { Decimal, type Direction, type KeyResultType } from "@/lib/progress";
import { keyResultChanges, objectiveChanges, summarise, type ConfidenceName, type KeyResultNow } from "@/lib/review/changes";
import { loadReview } from "@/lib/review/queries";
import { createCheckIn, createCycle, createKeyResult, createObjective } from "@/prisma/factories";
import { createWorld } from "../helpers/world";

/**
 * "What changed since" as the review works it out in Postgres, against lib/review/changes.ts (the same rules in
 * JavaScript, over lib/progress) on generated objectives: key results of every type and direction, checked in before
 * and after the date or not at all, new since the date, with weights of zero and more. Same movers, same numbers.
 */

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
const mondayDaysAgo = (n: number) => {
  const d = daysAgo(n);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
};
const since = daysAgo(10);

const value = fc.integer({ min: -2_000_000, max: 2_000_000 }).map((n) => new Decimal(n).dividedBy(10_000).toString());
const confidence = fc.constantFrom<ConfidenceName>("on_track", "at_risk", "off_track");
const keyResult = fc.record({
  measure: fc.oneof(
    fc.record({ type: fc.constantFrom<KeyResultType>("number", "percent", "currency"), direction: fc.constantFrom<Direction>("increase", "decrease", "keep_above", "keep_below"), start: value, target: value }),
    fc.integer({ min: 1, max: 9 }).map((n) => ({ type: "milestone" as const, direction: "increase" as const, start: "0", target: String(n) })),
    fc.constant({ type: "yes_no" as const, direction: "increase" as const, start: "0", target: "1" }),
  ),
  weight: fc.integer({ min: 0, max: 5_000 }).map((n) => new Decimal(n).dividedBy(1_000).toString()),
  isNew: fc.boolean(),
  before: fc.option(fc.record({ value, confidence }), { nil: undefined }),
  after: fc.option(fc.record({ value, confidence }), { nil: undefined }),
});
const objectives = fc.array(fc.array(keyResult, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

const small = (v: string, type: KeyResultType) => (type === "yes_no" ? (Number(v) > 0 ? "1" : "0") : type === "milestone" ? String(Math.abs(Math.trunc(Number(v))) % 12) : v);

describe("what changed since, in SQL and in lib/review/changes.ts", () => {
  it("gives the same movers, numbers and summary", async () => {
    await fc.assert(
      fc.asyncProperty(objectives, async (plan) => {
        const world = await createWorld();
        const cycle = await createCycle(db, world.org.id, { startDate: daysAgo(60), endDate: new Date(now.getTime() + 30 * DAY), state: "active" });
        const krs: { id: string; objectiveId: string }[] = [];
        for (const planned of plan) {
          const objective = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, createdAt: daysAgo(59) });
          for (const k of planned) {
            const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ...k.measure, weight: k.weight, createdAt: k.isNew ? daysAgo(3) : daysAgo(59) });
            krs.push({ id: kr.id, objectiveId: objective.id });
            if (k.before && !k.isNew) await createCheckIn(db, world.org.id, { keyResultId: kr.id, authorId: world.lead.id, week: mondayDaysAgo(20), value: small(k.before.value, k.measure.type), confidence: k.before.confidence, at: daysAgo(20) });
            if (k.after) await createCheckIn(db, world.org.id, { keyResultId: kr.id, authorId: world.lead.id, week: mondayDaysAgo(1), value: small(k.after.value, k.measure.type), confidence: k.after.confidence, at: daysAgo(1) });
          }
        }

        // The reference: every key result as stored, its value then from its check-in before the date, and the rules in JavaScript.
        const rows = await db.keyResult.findMany({
          where: { organizationId: world.org.id, cycleId: cycle.id },
          select: { id: true, objectiveId: true, type: true, direction: true, startValue: true, targetValue: true, confidence: true, weight: true, progress: true, createdAt: true, lastCheckInAt: true, checkIns: { where: { createdAt: { lt: since } }, orderBy: { week: "desc" }, take: 1, select: { value: true, confidence: true } } },
        });
        const nowRows: KeyResultNow[] = rows.map((r) => ({
          id: r.id,
          objectiveId: r.objectiveId,
          type: r.type,
          direction: r.direction,
          startValue: r.startValue.toString(),
          targetValue: r.targetValue.toString(),
          confidence: r.confidence,
          weight: r.weight.toString(),
          progress: r.progress.toString(),
          isNew: r.createdAt >= since,
          moved: r.createdAt >= since || (r.lastCheckInAt !== null && r.lastCheckInAt >= since),
        }));
        const movedObjectives = new Set(nowRows.filter((r) => r.moved).map((r) => r.objectiveId));
        const considered = nowRows.filter((r) => movedObjectives.has(r.objectiveId));
        const then = new Map(rows.filter((r) => r.checkIns[0] && considered.some((c) => c.id === r.id && c.moved)).map((r) => [r.id, { value: r.checkIns[0]!.value.toString(), confidence: r.checkIns[0]!.confidence }]));
        const changes = keyResultChanges(considered, then);
        const moved = changes.filter((_, i) => considered[i]!.moved);
        const byId = <T extends { id?: string; objectiveId: string }>(a: T, b: T) => ((a.id ?? a.objectiveId) < (b.id ?? b.objectiveId) ? -1 : 1);
        const expectedObjectives = objectiveChanges(considered, changes)
          .filter((c) => c.delta !== 0)
          .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || byId(a, b));
        const expectedKeyResults = moved
          .filter((c) => c.delta !== 0 || c.confidenceTrend !== 0)
          .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.confidenceTrend - b.confidenceTrend || byId(a, b));

        const review = await loadReview(world.org.id, cycle, since, null, { now });
        expect(review.changes.summary).toEqual(summarise(moved));
        expect(review.changes.objectives.map(({ title: _title, ...c }) => c)).toEqual(expectedObjectives);
        expect(review.changes.keyResults.map(({ title: _t, objectiveTitle: _o, isNew: _n, ...c }) => c)).toEqual(expectedKeyResults);
        expect(krs.length).toBe(rows.length);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
