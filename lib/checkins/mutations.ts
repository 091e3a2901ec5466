import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCycleOpen } from "@/lib/cycles/mutations";
import { isoDate, weekOf } from "@/lib/dates/week";
import { batchTransaction, statement, type BatchTx } from "@/lib/db/batch";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { uuidv7 } from "@/lib/db/uuid";
import { dec } from "@/lib/progress";
import { countCheckIns } from "@/lib/ops/metrics";
import { deliveryMode, logUnsentEmails, type StoredEmail } from "@/lib/email/outbox";
import { appUrl } from "@/lib/email/links";
import { requestEmailDelivery } from "@/lib/jobs/boss";
import { assertCan, grantsOf } from "@/lib/permissions";
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
  /** Where the save came from when not Keel's pages or an API token (kept with the check-in). */
  channel?: "slack";
}

/** What the write statement answers for each entry, in the order they were sent. */
interface EntryOutcome {
  /** Why this entry was refused (nothing was written then), or null. */
  problem: "not_found" | "forbidden" | "cycle_closed" | "abandoned" | "value" | null;
  key_result_id: string | null;
  key_result_owner_id: string | null;
  objective_id: string | null;
  objective_owner_id: string | null;
  team_id: string | null;
  objective_title: string | null;
  cycle_name: string | null;
  cycle_state: string | null;
  type: string | null;
  target_value: string | null;
  current_value: string | null;
  milestones: string[] | null;
  id: string;
  is_new: boolean;
  version: number;
  created_at: Date;
  key_result_progress: string | null;
  objective_progress: string | null;
  /** Mail to the owners of key results that depend on one that got worse (the same list on every row). */
  alerts: StoredEmail[];
}

/** Why a value does not fit a key result of this type, with the words the form shows. */
function valueProblem(kr: { type: string; targetValue: string; currentValue: string; milestones: string[] }, value: string): string | null {
  const v = dec(value);
  if (kr.type === "initiatives" && !v.equals(dec(kr.currentValue))) {
    return `This key result counts its initiatives done (${dec(kr.currentValue).toString()} of ${dec(kr.targetValue).toString()}): its value follows them; check in with ${dec(kr.currentValue).toString()}, your confidence and a note`;
  }
  if (kr.type === "yes_no" && !(v.equals(0) || v.equals(1))) return "Enter 1 for yes or 0 for no";
  if (kr.type === "milestone") {
    const count = kr.milestones.length || Number(kr.targetValue);
    if (!v.isInteger() || v.lessThan(0) || v.greaterThan(count)) return `Enter how many of the ${count} milestones are reached (0 to ${count})`;
  }
  return null;
}

/** Progress 0-100 of a key result at `value`, as lib/progress/key-result.ts computes it, at 40 decimals before round4. */
function progressSql(value: string, k = "k"): string {
  const exact = (numerator: string, denominator: string) => `least(greatest((${numerator})::numeric(80,40) / (${denominator}), 0), 100)`;
  return `(CASE
    WHEN ${k}.type = 'yes_no' THEN CASE WHEN ${value} >= 1 THEN 100 ELSE 0 END
    WHEN ${k}.type IN ('milestone', 'initiatives') THEN CASE WHEN ${k}.target_value <= 0 THEN 0 ELSE ${exact(`${value} * 100`, `${k}.target_value`)} END
    WHEN ${k}.direction = 'keep_above' THEN CASE WHEN ${value} >= ${k}.target_value THEN 100 ELSE 0 END
    WHEN ${k}.direction = 'keep_below' THEN CASE WHEN ${value} <= ${k}.target_value THEN 100 ELSE 0 END
    WHEN ${k}.direction = 'increase' THEN CASE WHEN ${k}.target_value - ${k}.start_value <= 0 THEN CASE WHEN ${value} >= ${k}.target_value THEN 100 ELSE 0 END
                                               ELSE ${exact(`(${value} - ${k}.start_value) * 100`, `${k}.target_value - ${k}.start_value`)} END
    ELSE CASE WHEN ${k}.start_value - ${k}.target_value <= 0 THEN CASE WHEN ${value} <= ${k}.target_value THEN 100 ELSE 0 END
              ELSE ${exact(`(${k}.start_value - ${value}) * 100`, `${k}.start_value - ${k}.target_value`)} END
  END)`;
}

/** Locks the key results in id order: $1 organisation, $2 key result ids. */
const LOCK_KEY_RESULTS_SQL = `
  SELECT k.id FROM key_results k WHERE k.organization_id = $1::uuid AND k.id = ANY($2::uuid[]) ORDER BY k.id FOR UPDATE`;

/** Then their objectives in id order, as they stand once the key results are locked (one may have moved). */
const LOCK_OBJECTIVES_SQL = `
  SELECT o.id FROM objectives o
   WHERE o.organization_id = $1::uuid
     AND o.id IN (SELECT objective_id FROM key_results WHERE organization_id = $1::uuid AND id = ANY($2::uuid[]))
   ORDER BY o.id FOR UPDATE`;

/**
 * The checks and the write, in one statement whose snapshot is taken after the locks above were granted. Every entry is
 * judged (the first problem of: unknown key result, not allowed, cycle closed, objective abandoned, value that does not
 * fit); only when none has a problem does anything get written: the week's check-in (created, or the next version),
 * its version row, the key result's value, progress and confidence, each objective's progress (weighted mean of its
 * key results) and one audit event per entry. The permission is lib/permissions.ts `can` for checkin.create: $7 is the
 * role's scope for it, $8 the teams the actor leads (with those beneath).
 * $1 organisation, $2 author, $3 API token, $4 week, $5 week as JSON writes it, $6 now; $9.. one array per column.
 */
const CHECK_AND_WRITE_SQL = `
  WITH input AS (
    SELECT * FROM unnest($9::int[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::uuid[], $15::uuid[], $16::uuid[])
      AS t(ord, key_result_id, value_text, confidence, note, new_id, version_id, audit_id)
  ),
  facts AS (
    SELECT i.*, i.value_text::numeric AS value, k.id AS kr_id, k.owner_id AS kr_owner_id, k.type::text AS type, k.direction::text AS direction,
           k.start_value, k.target_value, k.current_value, k.confidence::text AS kr_confidence, k.milestones, k.objective_id, k.title AS kr_title,
           o.owner_id AS objective_owner_id, o.team_id, o.state::text AS objective_state, o.title AS objective_title,
           c.name AS cycle_name, c.state::text AS cycle_state,
           b.id AS before_id, b.value AS before_value, b.confidence::text AS before_confidence, b.note AS before_note,
           b.version AS before_version, b.created_at AS before_created_at
      FROM input i
      LEFT JOIN key_results k ON k.organization_id = $1::uuid AND k.id = i.key_result_id
      LEFT JOIN objectives o ON o.organization_id = $1::uuid AND o.id = k.objective_id
      LEFT JOIN cycles c ON c.organization_id = $1::uuid AND c.id = k.cycle_id
      LEFT JOIN check_ins b ON b.organization_id = $1::uuid AND b.key_result_id = k.id AND b.week = $4::date
  ),
  judged AS (
    SELECT f.*, CASE
             WHEN f.kr_id IS NULL THEN 'not_found'
             WHEN NOT coalesce($7::text = 'any'
                               OR ($7::text IN ('team', 'own') AND $2::uuid IN (f.kr_owner_id, f.objective_owner_id))
                               OR ($7::text = 'team' AND f.team_id = ANY($8::uuid[])), false) THEN 'forbidden'
             WHEN f.cycle_state = 'closed' THEN 'cycle_closed'
             WHEN f.objective_state = 'abandoned' THEN 'abandoned'
             WHEN f.type = 'yes_no' AND f.value NOT IN (0, 1) THEN 'value'
             WHEN f.type = 'initiatives' AND f.value <> f.current_value THEN 'value'
             WHEN f.type = 'milestone' AND (f.value <> trunc(f.value) OR f.value < 0
                                            OR f.value > coalesce(nullif(cardinality(f.milestones), 0)::numeric, f.target_value)) THEN 'value'
           END AS problem
      FROM facts f
  ),
  ok AS (SELECT NOT EXISTS (SELECT 1 FROM judged WHERE problem IS NOT NULL) AS ok),
  moved AS (
    SELECT j.*, round(${progressSql("j.value", "j")}, 4) AS progress, coalesce(j.before_id, j.new_id) AS check_in_id,
           coalesce(j.before_version + 1, 1) AS version
      FROM judged j WHERE (SELECT ok FROM ok)
  ),
  objective_progress AS (
    SELECT s.objective_id,
           round(coalesce((sum(coalesce(m.progress, s.progress) * s.weight) FILTER (WHERE s.weight > 0))::numeric(80,40)
                          / nullif(sum(s.weight) FILTER (WHERE s.weight > 0), 0), 0), 4) AS progress
      FROM key_results s LEFT JOIN moved m ON m.kr_id = s.id
     WHERE s.organization_id = $1::uuid AND s.objective_id IN (SELECT objective_id FROM moved)
     GROUP BY s.objective_id
  ),
  inserted AS (
    INSERT INTO check_ins (id, organization_id, key_result_id, author_id, week, value, confidence, note, version, api_token_id, channel, created_at, updated_at)
    SELECT m.new_id, $1::uuid, m.kr_id, $2::uuid, $4::date, m.value, m.confidence::"Confidence", m.note, 1, $3::uuid, $17::text, $6::timestamptz, $6::timestamptz
      FROM moved m WHERE m.before_id IS NULL
    RETURNING id
  ),
  updated AS (
    UPDATE check_ins c SET value = m.value, confidence = m.confidence::"Confidence", note = m.note, author_id = $2::uuid,
           version = m.version, api_token_id = $3::uuid, channel = $17::text, updated_at = $6::timestamptz
      FROM moved m WHERE m.before_id IS NOT NULL AND c.id = m.before_id AND c.organization_id = $1::uuid
    RETURNING c.id
  ),
  versions AS (
    INSERT INTO check_in_versions (id, organization_id, check_in_id, author_id, version, value, confidence, note, api_token_id, channel, created_at)
    SELECT m.version_id, $1::uuid, m.check_in_id, $2::uuid, m.version, m.value, m.confidence::"Confidence", m.note, $3::uuid, $17::text, $6::timestamptz
      FROM moved m WHERE m.check_in_id IN (SELECT id FROM inserted UNION ALL SELECT id FROM updated)
  ),
  key_results_moved AS (
    UPDATE key_results k SET current_value = m.value, progress = m.progress, confidence = m.confidence::"Confidence",
           last_check_in_at = $6::timestamptz, updated_at = $6::timestamptz
      FROM moved m WHERE k.id = m.kr_id AND k.organization_id = $1::uuid
  ),
  objectives_moved AS (
    UPDATE objectives o SET progress = p.progress, updated_at = $6::timestamptz
      FROM objective_progress p WHERE o.id = p.objective_id AND o.organization_id = $1::uuid
  ),
  -- A key result that gets worse (on track or unknown to at risk, anything better to off track) tells the owners of
  -- the key results that depend on it, in the same transaction: the mail exists exactly when the check-in does.
  worsened AS (
    SELECT m.* FROM moved m
     WHERE m.confidence IN ('at_risk', 'off_track')
       AND (CASE m.confidence WHEN 'off_track' THEN 2 ELSE 1 END) > (CASE m.kr_confidence WHEN 'off_track' THEN 2 WHEN 'at_risk' THEN 1 ELSE 0 END)
  ),
  alerts AS (
    INSERT INTO email_messages (id, organization_id, "to", subject, text, kind, status, created_at)
    SELECT keel_uuidv7(), $1::uuid, u.email,
           left(format('“%s” is now %s: your key result depends on it', w.kr_title, replace(w.confidence, '_', ' ')), 300),
           format(E'%s checked in on “%s”%s as %s.\n\nYour key result “%s” depends on it.%s\n\nSee what else depends on it: %s/objectives/%s',
                  author.name, w.kr_title, coalesce(' (' || t.name || ')', ''), replace(w.confidence, '_', ' '), dk.title,
                  CASE WHEN w.note <> '' THEN format(E'\n\nTheir note: %s', w.note) ELSE '' END, $19::text, w.objective_id),
           'dependency', $18::"EmailStatus", $6::timestamptz
      FROM worsened w
      JOIN key_result_dependencies d ON d.organization_id = $1::uuid AND d.depends_on_id = w.kr_id
      JOIN key_results dk ON dk.organization_id = $1::uuid AND dk.id = d.key_result_id
      JOIN users u ON u.id = dk.owner_id AND NOT u.is_integration AND u.id <> $2::uuid
      JOIN users author ON author.id = $2::uuid
      LEFT JOIN teams t ON t.organization_id = $1::uuid AND t.id = w.team_id
    RETURNING id, "to", subject, text, kind, status
  ),
  audit AS (
    INSERT INTO audit_events (id, organization_id, actor_id, api_token_id, entity_type, entity_id, action, before, after, created_at)
    SELECT m.audit_id, $1::uuid, $2::uuid, $3::uuid, 'check_in', m.check_in_id,
           CASE WHEN m.before_id IS NULL THEN 'checkin.created' ELSE 'checkin.updated' END,
           CASE WHEN m.before_id IS NULL THEN jsonb_build_object('keyResultValue', trim_scale(m.current_value)::text, 'keyResultConfidence', m.kr_confidence)
                ELSE jsonb_build_object('value', trim_scale(m.before_value)::text, 'confidence', m.before_confidence, 'note', m.before_note, 'version', m.before_version) END,
           jsonb_build_object('keyResultId', m.kr_id, 'week', $5::text, 'value', m.value_text, 'confidence', m.confidence, 'note', m.note, 'version', m.version),
           $6::timestamptz
      FROM moved m
  )
  SELECT j.problem, j.kr_id::text AS key_result_id, j.kr_owner_id::text AS key_result_owner_id, j.objective_id::text AS objective_id,
         j.objective_owner_id::text AS objective_owner_id, j.team_id::text AS team_id, j.objective_title, j.cycle_name, j.cycle_state,
         j.type, j.target_value::text AS target_value, j.current_value::text AS current_value, j.milestones,
         coalesce(j.before_id, j.new_id)::text AS id, j.before_id IS NULL AS is_new, coalesce(j.before_version + 1, 1) AS version,
         coalesce(j.before_created_at, $6::timestamptz) AS created_at, m.progress::text AS key_result_progress, p.progress::text AS objective_progress,
         (SELECT coalesce(json_agg(a), '[]') FROM alerts a) AS alerts
    FROM judged j LEFT JOIN moved m ON m.ord = j.ord LEFT JOIN objective_progress p ON p.objective_id = j.objective_id
   ORDER BY j.ord`;

/**
 * Saves check-ins for the current week (in the author's time zone): one per key result and week, so checking in
 * again the same week updates that week's entry, and every saved state is kept as a version. The key result's
 * current value, progress and confidence and its objective's progress move in the same transaction.
 *
 * One message to Postgres (pg's pipeline mode, bind parameters): BEGIN, lock the key results, then their objectives
 * (each in id order, so concurrent submissions queue instead of deadlocking), then one statement that checks every
 * entry and writes them, then COMMIT. That statement's snapshot holds every change committed before the locks were
 * granted: two submissions for the same key result give one check-in row with both versions, and each objective's
 * progress is recomputed from committed key results. All or nothing: one refused row writes no row. The cycle's row
 * is not locked (every check-in of the organisation would share that lock); closing a cycle locks its key results
 * instead, so a check-in lands before the close or sees the cycle closed (lib/cycles/mutations.ts).
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
  const values = entries.map((e) => dec(e.value).toString());
  const stamp = now.getTime();

  const alerts: StoredEmail[] = [];
  const work = async (tx: BatchTx): Promise<RecordedCheckIn[]> => {
    const locks = [statement(LOCK_KEY_RESULTS_SQL, [actor.orgId, ids], "keel-check-in-lock-key-results"), statement(LOCK_OBJECTIVES_SQL, [actor.orgId, ids], "keel-check-in-lock-objectives")];
    const write = statement(
      CHECK_AND_WRITE_SQL,
      [
        actor.orgId,
        actor.userId,
        actor.apiTokenId,
        isoDate(week),
        week.toISOString(),
        now,
        grantsOf(actor)["checkin.create"] ?? null,
        [...actor.ledTeamIds],
        entries.map((_e, i) => i),
        entries.map((e) => e.keyResultId),
        values,
        entries.map((e) => e.confidence),
        entries.map((e) => e.note),
        entries.map(() => uuidv7(stamp)),
        entries.map(() => uuidv7(stamp)),
        entries.map(() => uuidv7(stamp)),
        options.channel ?? null,
        deliveryMode() === "smtp" ? "queued" : "logged",
        appUrl("/").replace(/\/$/, ""),
      ],
      "keel-check-in-write",
    );
    // Inside a caller's transaction the caller sends the COMMIT, with its own statements (the idempotent API path).
    const results = options.tx ? await tx.run(...locks, write) : await tx.runAndCommit(...locks, write);
    const outcomes = results[2] as unknown as EntryOutcome[];
    explainRefusal(actor, entries, values, outcomes, field);
    alerts.push(...(outcomes[0]?.alerts ?? []));
    return outcomes.map((o, i) => ({
      id: o.id,
      keyResultId: o.key_result_id!,
      objectiveId: o.objective_id!,
      authorId: actor.userId,
      week,
      value: values[i]!,
      confidence: entries[i]!.confidence,
      note: entries[i]!.note,
      version: o.version,
      createdAt: o.created_at,
      updatedAt: now,
      isNew: o.is_new,
      keyResultProgress: o.key_result_progress!,
      objectiveProgress: o.objective_progress!,
    }));
  };

  // Inside a caller's transaction the caller counts once it commits (the idempotent API path).
  if (options.tx) return work(options.tx);
  const saved = await batchTransaction(work);
  countCheckIns(saved);
  afterAlerts(alerts);
  return saved;
}

/** Once the check-in committed: mail without SMTP goes to the log, queued mail is sent now rather than within a minute. */
function afterAlerts(alerts: readonly StoredEmail[]): void {
  if (!alerts.length) return;
  logUnsentEmails(alerts);
  void requestEmailDelivery();
}

/**
 * Throws the error the first refused entry deserves, in the words and with the status the checks always gave. When the
 * statement refused an entry it wrote nothing, so a COMMIT that already travelled with it committed nothing either.
 */
function explainRefusal(actor: Actor, entries: readonly CheckInEntry[], values: string[], outcomes: EntryOutcome[], field: (index: number, name: string) => string): void {
  outcomes.forEach((o, i) => {
    switch (o.problem) {
      case null:
        return;
      case "not_found":
        throw notFound("That key result");
      case "forbidden":
        assertCan(actor, "checkin.create", { ownerIds: [o.key_result_owner_id!, o.objective_owner_id!], teamId: o.team_id });
        throw new AppError("forbidden", "You are not allowed to do that");
      case "cycle_closed":
        assertCycleOpen({ name: o.cycle_name!, state: o.cycle_state! });
        throw conflict(`${o.cycle_name} is closed and read-only`);
      case "abandoned":
        throw conflict(`"${o.objective_title}" was abandoned; its key results take no more check-ins`);
      case "value":
        throw invalid(field(i, "value"), valueProblem({ type: o.type!, targetValue: o.target_value!, currentValue: o.current_value ?? "0", milestones: o.milestones ?? [] }, values[i]!) ?? "This value does not fit the key result");
    }
  });
  if (outcomes.length !== entries.length) throw new Error(`The check-in statement answered ${outcomes.length} rows for ${entries.length} entries`);
}

/** A single check-in, as the API takes it. */
export async function recordCheckIn(actor: Actor, entry: CheckInEntry, options: RecordOptions = {}): Promise<RecordedCheckIn> {
  const [saved] = await recordCheckIns(actor, [entry], options);
  if (!saved) throw new AppError("validation", "Nothing to save");
  return saved;
}
