import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { isoDate, weekOf } from "@/lib/dates/week";
import { batchTransaction, sql, type BatchTx } from "@/lib/db/batch";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { storedProgress } from "@/lib/key-results/progress-sync";
import { uuidv7 } from "@/lib/db/uuid";
import { dec, round4, weightedMean, type Direction, type KeyResultType } from "@/lib/progress";
import { countCheckIns } from "@/lib/ops/metrics";
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
  tx?: BatchTx;
  /** How a row's field is named in errors: "value" for a single check-in, "entries.2.value" for the my-week form. */
  field?: (index: number, name: string) => string;
}

interface LockedKeyResult {
  id: string;
  owner_id: string;
  type: KeyResultType;
  direction: Direction;
  start_value: string;
  target_value: string;
  current_value: string;
  confidence: ConfidenceValue | null;
  milestones: string[];
  objective_id: string;
  cycle_name: string;
  cycle_state: string;
}

interface LockedObjective {
  id: string;
  owner_id: string;
  team_id: string | null;
  state: string;
  title: string;
}

interface Sibling {
  id: string;
  objectiveId: string;
  progress: string;
  weight: string;
}

interface ExistingCheckIn {
  id: string;
  keyResultId: string;
  value: string;
  confidence: ConfidenceValue;
  note: string;
  version: number;
  createdAt: string;
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

  const ids = [...seen].sort();
  const week = weekOf(now, actor.timeZone);
  const org = actor.orgId;

  // The hot path of a weekly check-in, in two round trips. The first locks the key results, then their objectives
  // (each in id order, so concurrent submissions queue instead of deadlocking), then reads the week's rows and the
  // sibling key results in a statement of its own, whose snapshot holds every change committed before the locks were
  // granted. The second writes everything in one statement, together with the COMMIT.
  const work = async (tx: BatchTx): Promise<RecordedCheckIn[]> => {
    const [lockedRows, objectiveRows, stateRows] = await tx.run(
      sql`
        SELECT k.id::text, k.owner_id::text AS owner_id, k.type::text AS type, k.direction::text AS direction,
               k.start_value::text AS start_value, k.target_value::text AS target_value, k.current_value::text AS current_value,
               k.confidence::text AS confidence, k.milestones, k.objective_id::text AS objective_id,
               c.name AS cycle_name, c.state::text AS cycle_state
        FROM key_results k JOIN cycles c ON c.id = k.cycle_id
        WHERE k.organization_id = ${org}::uuid AND k.id = ANY(${ids}::uuid[])
        ORDER BY k.id
        FOR UPDATE OF k FOR KEY SHARE OF c`,
      // The objective's owner, team and state as they stand once it is locked: an objective abandoned or handed to
      // another team a moment ago is seen as it is now.
      sql`
        SELECT id::text, owner_id::text, team_id::text, state::text, title FROM objectives
        WHERE organization_id = ${org}::uuid
          AND id IN (SELECT objective_id FROM key_results WHERE organization_id = ${org}::uuid AND id = ANY(${ids}::uuid[]))
        ORDER BY id
        FOR UPDATE`,
      sql`
        SELECT
          (SELECT COALESCE(json_agg(json_build_object('id', s.id, 'objectiveId', s.objective_id, 'progress', s.progress::text, 'weight', s.weight::text)), '[]')
             FROM key_results s
            WHERE s.organization_id = ${org}::uuid
              AND s.objective_id IN (SELECT objective_id FROM key_results WHERE organization_id = ${org}::uuid AND id = ANY(${ids}::uuid[]))) AS siblings,
          (SELECT COALESCE(json_agg(json_build_object('id', c.id, 'keyResultId', c.key_result_id, 'value', c.value::text, 'confidence', c.confidence,
                                                      'note', c.note, 'version', c.version, 'createdAt', c.created_at)), '[]')
             FROM check_ins c WHERE c.organization_id = ${org}::uuid AND c.key_result_id = ANY(${ids}::uuid[]) AND c.week = ${isoDate(week)}::date) AS existing`,
    );
    const keyResults = lockedRows as unknown as LockedKeyResult[];
    const state = stateRows![0] as unknown as { siblings: Sibling[]; existing: ExistingCheckIn[] };
    const objectives = new Map((objectiveRows as unknown as LockedObjective[]).map((o) => [o.id, o]));
    const byId = new Map(keyResults.map((kr) => [kr.id, kr]));
    entries.forEach((entry, i) => {
      const kr = byId.get(entry.keyResultId);
      if (!kr) throw notFound("That key result");
      const objective = objectives.get(kr.objective_id)!;
      assertCan(actor, "checkin.create", { ownerIds: [kr.owner_id, objective.owner_id], teamId: objective.team_id });
      assertCycleOpen({ name: kr.cycle_name, state: kr.cycle_state });
      if (objective.state === "abandoned") throw conflict(`"${objective.title}" was abandoned; its key results take no more check-ins`);
      const problem = valueProblem({ type: kr.type, targetValue: kr.target_value, milestones: kr.milestones }, entry.value);
      if (problem) throw invalid(field(i, "value"), problem);
    });

    const objectiveIds = [...new Set(keyResults.map((kr) => kr.objective_id))].sort();
    const existingByKr = new Map(state.existing.map((c) => [c.keyResultId, c]));

    const saved: Omit<RecordedCheckIn, "objectiveProgress">[] = [];
    const audit: { entityId: string; action: string; before: unknown; after: unknown }[] = [];
    const progressById = new Map(state.siblings.map((s) => [s.id, s.progress]));
    for (const entry of entries) {
      const kr = byId.get(entry.keyResultId)!;
      const before = existingByKr.get(kr.id);
      const value = dec(entry.value).toString();
      const progress = storedProgress({ type: kr.type, direction: kr.direction, startValue: kr.start_value, targetValue: kr.target_value }, value);
      progressById.set(kr.id, progress);
      const row = {
        id: before?.id ?? uuidv7(now.getTime()),
        keyResultId: kr.id,
        objectiveId: kr.objective_id,
        authorId: actor.userId,
        week,
        value,
        confidence: entry.confidence,
        note: entry.note,
        version: before ? before.version + 1 : 1,
        createdAt: before ? new Date(before.createdAt) : now,
        updatedAt: now,
        isNew: !before,
        keyResultProgress: progress,
      };
      saved.push(row);
      audit.push({
        entityId: row.id,
        action: before ? "checkin.updated" : "checkin.created",
        before: before
          ? { value: dec(before.value).toString(), confidence: before.confidence, note: before.note, version: before.version }
          : { keyResultValue: dec(kr.current_value).toString(), keyResultConfidence: kr.confidence },
        after: { keyResultId: kr.id, week: row.week, value: row.value, confidence: row.confidence, note: row.note, version: row.version },
      });
    }
    const objectiveProgress = new Map(
      objectiveIds.map((objectiveId) => [
        objectiveId,
        round4(weightedMean(state.siblings.filter((s) => s.objectiveId === objectiveId).map((s) => ({ progress: progressById.get(s.id)!, weight: s.weight })))),
      ]),
    );

    const col = <T,>(pick: (r: (typeof saved)[number]) => T) => saved.map(pick);
    tx.defer(sql`
      WITH input AS (
        SELECT * FROM unnest(
          ${col((r) => r.id)}::uuid[], ${col((r) => r.keyResultId)}::uuid[], ${col((r) => r.value)}::numeric[],
          ${col((r) => r.confidence)}::text[], ${col((r) => r.note)}::text[], ${col((r) => r.version)}::int[],
          ${col((r) => r.isNew)}::boolean[], ${col((r) => r.keyResultProgress)}::numeric[], ${saved.map(() => uuidv7(now.getTime()))}::uuid[]
        ) AS t(id, key_result_id, value, confidence, note, version, is_new, progress, version_id)
      ),
      inserted AS (
        INSERT INTO check_ins (id, organization_id, key_result_id, author_id, week, value, confidence, note, version, created_at, updated_at)
        SELECT id, ${actor.orgId}::uuid, key_result_id, ${actor.userId}::uuid, ${isoDate(week)}::date, value, confidence::"Confidence", note, 1, ${now}::timestamptz, ${now}::timestamptz
        FROM input WHERE is_new
        RETURNING id
      ),
      updated AS (
        UPDATE check_ins c SET value = i.value, confidence = i.confidence::"Confidence", note = i.note, author_id = ${actor.userId}::uuid,
               version = i.version, updated_at = ${now}::timestamptz
        FROM input i WHERE NOT i.is_new AND c.id = i.id AND c.organization_id = ${actor.orgId}::uuid
        RETURNING c.id
      ),
      versions AS (
        INSERT INTO check_in_versions (id, organization_id, check_in_id, author_id, version, value, confidence, note, created_at)
        SELECT version_id, ${actor.orgId}::uuid, id, ${actor.userId}::uuid, version, value, confidence::"Confidence", note, ${now}::timestamptz
        FROM input
        WHERE id IN (SELECT id FROM inserted UNION ALL SELECT id FROM updated)
      ),
      key_results_moved AS (
        UPDATE key_results k SET current_value = i.value, progress = i.progress, confidence = i.confidence::"Confidence", last_check_in_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
        FROM input i WHERE k.id = i.key_result_id AND k.organization_id = ${actor.orgId}::uuid
      ),
      objectives_moved AS (
        UPDATE objectives o SET progress = p.progress, updated_at = ${now}::timestamptz
        FROM unnest(${[...objectiveProgress.keys()]}::uuid[], ${[...objectiveProgress.values()]}::numeric[]) AS p(id, progress)
        WHERE o.id = p.id AND o.organization_id = ${actor.orgId}::uuid
      )
      INSERT INTO audit_events (id, organization_id, actor_id, api_token_id, entity_type, entity_id, action, before, after, created_at)
      SELECT a.id, ${actor.orgId}::uuid, ${actor.userId}::uuid, ${actor.apiTokenId}::uuid, 'check_in', a.entity_id, a.action, a.before::jsonb, a.after::jsonb, ${now}::timestamptz
      FROM unnest(${audit.map(() => uuidv7(now.getTime()))}::uuid[], ${audit.map((a) => a.entityId)}::uuid[], ${audit.map((a) => a.action)}::text[],
                  ${audit.map((a) => JSON.stringify(a.before))}::text[], ${audit.map((a) => JSON.stringify(a.after))}::text[]) AS a(id, entity_id, action, before, after)`);

    return saved.map((s) => ({ ...s, objectiveProgress: objectiveProgress.get(s.objectiveId)! }));
  };

  // Inside a caller's transaction the caller counts once it commits (the idempotent API path).
  if (options.tx) return work(options.tx);
  const saved = await batchTransaction(work);
  countCheckIns(saved);
  return saved;
}

/** A single check-in, as the API takes it. */
export async function recordCheckIn(actor: Actor, entry: CheckInEntry, options: RecordOptions = {}): Promise<RecordedCheckIn> {
  const [saved] = await recordCheckIns(actor, [entry], options);
  if (!saved) throw new AppError("validation", "Nothing to save");
  return saved;
}
