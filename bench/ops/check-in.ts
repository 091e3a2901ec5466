import pg, { escapeLiteral } from "pg";
import { weekOf } from "../../lib/dates/week";
import { dec, keyResultProgress, round4, weightedMean, type Direction, type KeyResultType } from "../../lib/progress";
import { prng, uuidV7 } from "../lib/random";
import { decimalText, progressSql } from "./sql";
import { TARGETS, type CompareOp, type Queryable } from "./types";

/** Every check-in the benchmark writes carries this note, so `reset` finds exactly those. */
const NOTE_PREFIX = "keel-bench check-in";
const CONFIDENCES = ["on_track", "at_risk", "off_track"] as const;

interface Target {
  id: string;
  objectiveId: string;
  type: KeyResultType;
  direction: Direction;
  start: string;
  target: string;
  /** A value the key result accepts: half way to the target, half the milestones, or "yes". */
  value: string;
}

/**
 * The active cycle's key results that take a check-in (objective not abandoned) and have none yet this week, so every
 * check-in the benchmark writes is its own. Ordered by position within their objective first: neighbours in the list
 * belong to different objectives, so 50 requests at once lock 50 different key results and objectives.
 */
const TARGETS_SQL = `
  SELECT k.id, k.objective_id, k.type, k.direction, k.start_value::text AS start, k.target_value::text AS target, k.milestones
    FROM key_results k JOIN objectives o ON o.id = k.objective_id AND o.organization_id = k.organization_id
   WHERE k.organization_id = $1 AND k.cycle_id = $2 AND o.state <> 'abandoned'
     AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.key_result_id = k.id AND c.week = $3)
   ORDER BY k.position, o.position, o.id, k.id`;

/** Locks the key result and its objective, as recordCheckIns does first, so the objective's progress is computed from committed values. */
const LOCK_SQL = `
  SELECT k.id FROM key_results k JOIN objectives o ON o.id = k.objective_id
   WHERE k.organization_id = $1 AND k.id = $2 FOR UPDATE OF k, o`;

const measure = { type: "k.type", direction: "k.direction", start: "k.start_value", target: "k.target_value" };

/**
 * The rows lib/checkins/mutations.ts `recordCheckIns` writes, in one statement: the week's check-in (created, or
 * updated with the next version), its version row, the key result's value, progress, confidence and last check-in,
 * its objective's progress (weighted mean of its key results, this one at its new progress), and the audit event.
 * $1 organisation, $2 key result, $3 author, $4 week, $5 value, $6 confidence, $7 note, $8 now,
 * $9 check-in id, $10 version id, $11 audit event id (LOCK_SQL takes the first two).
 */
const WRITE_SQL = `
  WITH kr AS (
    SELECT k.id, k.objective_id, k.current_value, k.confidence, round(${progressSql(measure, "$5::numeric")}, 4) AS progress
      FROM key_results k WHERE k.organization_id = $1 AND k.id = $2),
  before AS (
    SELECT c.id, c.value, c.confidence, c.note, c.version FROM check_ins c WHERE c.key_result_id = $2 AND c.week = $4),
  ci AS (
    INSERT INTO check_ins AS c (id, organization_id, key_result_id, author_id, week, value, confidence, note, version, created_at, updated_at)
    VALUES ($9, $1, $2, $3, $4, $5, $6, $7, 1, $8, $8)
    ON CONFLICT (key_result_id, week) DO UPDATE
       SET value = excluded.value, confidence = excluded.confidence, note = excluded.note, author_id = excluded.author_id,
           version = c.version + 1, updated_at = excluded.updated_at
    RETURNING c.id, c.week, c.value, c.confidence, c.note, c.version),
  version AS (
    INSERT INTO check_in_versions (id, organization_id, check_in_id, author_id, version, value, confidence, note, created_at)
    SELECT $10, $1, ci.id, $3, ci.version, ci.value, ci.confidence, ci.note, $8 FROM ci),
  kr_update AS (
    UPDATE key_results k SET current_value = $5, progress = kr.progress, confidence = $6, last_check_in_at = $8, updated_at = $8
      FROM kr WHERE k.id = kr.id),
  objective_update AS (
    UPDATE objectives o SET progress = s.progress, updated_at = $8
      FROM (SELECT kr.objective_id,
                   coalesce(round(sum(CASE WHEN s.id = kr.id THEN kr.progress ELSE s.progress END * s.weight) FILTER (WHERE s.weight > 0)
                                  / nullif(sum(s.weight) FILTER (WHERE s.weight > 0), 0), 4), 0) AS progress
              FROM kr JOIN key_results s ON s.objective_id = kr.objective_id AND s.organization_id = $1
             GROUP BY kr.objective_id) s
     WHERE o.id = s.objective_id AND o.organization_id = $1
    RETURNING o.progress),
  audit AS (
    INSERT INTO audit_events (id, organization_id, actor_id, entity_type, entity_id, action, before, after)
    SELECT $11, $1, $3, 'check_in', ci.id, CASE WHEN b.id IS NULL THEN 'checkin.created' ELSE 'checkin.updated' END,
           CASE WHEN b.id IS NULL THEN jsonb_build_object('keyResultValue', ${decimalText("kr.current_value")}, 'keyResultConfidence', kr.confidence)
                ELSE jsonb_build_object('value', ${decimalText("b.value")}, 'confidence', b.confidence, 'note', b.note, 'version', b.version) END,
           jsonb_build_object('keyResultId', $2::uuid, 'week', to_char(ci.week, 'YYYY-MM-DD"T00:00:00.000Z"'), 'value', ${decimalText("ci.value")},
                              'confidence', ci.confidence, 'note', ci.note, 'version', ci.version)
      FROM ci CROSS JOIN kr LEFT JOIN before b ON true)
  SELECT ci.id, $2::uuid AS "keyResultId", ci.version, b.id IS NULL AS "isNew", kr.progress::text AS "keyResultProgress", (SELECT progress::text FROM objective_update) AS "objectiveProgress"
    FROM ci CROSS JOIN kr LEFT JOIN before b ON true`;

const RESET_CHECK_INS_SQL = `
  DELETE FROM check_ins WHERE organization_id = $1 AND updated_at >= $2 AND note LIKE '${NOTE_PREFIX} %'`;

/** By the note they record rather than by the check-ins deleted, so an event committed during the reset goes too. */
const RESET_AUDIT_SQL = `
  DELETE FROM audit_events
   WHERE organization_id = $1 AND created_at >= $2 AND entity_type = 'check_in' AND after->>'note' LIKE '${NOTE_PREFIX} %'`;

const RESTORE_KEY_RESULTS_SQL = `
  UPDATE key_results k
     SET current_value = s.current_value, progress = s.progress, confidence = s.confidence::"Confidence", last_check_in_at = s.last_check_in_at, updated_at = s.updated_at
    FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::text[], $5::timestamptz[], $6::timestamptz[])
         AS s(id, current_value, progress, confidence, last_check_in_at, updated_at)
   WHERE k.id = s.id
     AND (k.current_value, k.progress, k.confidence::text, k.last_check_in_at, k.updated_at)
         IS DISTINCT FROM (s.current_value, s.progress, s.confidence, s.last_check_in_at, s.updated_at)`;

const RESTORE_OBJECTIVES_SQL = `
  UPDATE objectives o SET progress = s.progress, updated_at = s.updated_at
    FROM unnest($1::uuid[], $2::numeric[], $3::timestamptz[]) AS s(id, progress, updated_at)
   WHERE o.id = s.id AND (o.progress, o.updated_at) IS DISTINCT FROM (s.progress, s.updated_at)`;

/**
 * The statement with its parameters written in as quoted literals, so the whole transaction goes to Postgres as one
 * simple query: fewer round trips than sending BEGIN, each statement and COMMIT one by one (about 15% more check-ins
 * per second at size S), so the floor stays the least work that writes these rows.
 */
function inline(sql: string, params: readonly string[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => escapeLiteral(params[Number(n) - 1]!));
}

interface Snapshot {
  keyResults: { ids: string[]; currentValues: string[]; progress: string[]; confidences: (string | null)[]; lastCheckIns: (Date | null)[]; updatedAt: Date[] };
  objectives: { ids: string[]; progress: string[]; updatedAt: Date[] };
}

/** How the key results and objectives the benchmark may touch stand before it writes, to put them back after each phase. */
async function takeSnapshot(pool: pg.Pool, orgId: string, targets: Target[]): Promise<Snapshot> {
  const ids = targets.map((t) => t.id);
  const keyResults = await pool.query<{ id: string; current_value: string; progress: string; confidence: string | null; last_check_in_at: Date | null; updated_at: Date }>(
    "SELECT id, current_value::text, progress::text, confidence::text, last_check_in_at, updated_at FROM key_results WHERE organization_id = $1 AND id = ANY($2::uuid[])",
    [orgId, ids],
  );
  const objectives = await pool.query<{ id: string; progress: string; updated_at: Date }>(
    "SELECT id, progress::text, updated_at FROM objectives WHERE organization_id = $1 AND id = ANY($2::uuid[])",
    [orgId, [...new Set(targets.map((t) => t.objectiveId))]],
  );
  const k = keyResults.rows;
  const o = objectives.rows;
  return {
    keyResults: {
      ids: k.map((r) => r.id),
      currentValues: k.map((r) => r.current_value),
      progress: k.map((r) => r.progress),
      confidences: k.map((r) => r.confidence),
      lastCheckIns: k.map((r) => r.last_check_in_at),
      updatedAt: k.map((r) => r.updated_at),
    },
    objectives: { ids: o.map((r) => r.id), progress: o.map((r) => r.progress), updatedAt: o.map((r) => r.updated_at) },
  };
}

function acceptedValue(row: { type: KeyResultType; start: string; target: string; milestones: string[] }): string {
  if (row.type === "yes_no") return "1";
  if (row.type === "milestone") return String(Math.ceil((row.milestones.length || Number(row.target)) / 2));
  return dec(row.start).plus(row.target).dividedBy(2).toDecimalPlaces(2).toFixed();
}

/** What Keel must answer for a check-in on this key result: its progress and its objective's, from the data as it stands. */
async function expectedProgress(pool: pg.Pool, orgId: string, target: Target): Promise<{ keyResult: string; objective: string }> {
  const keyResult = round4(keyResultProgress({ type: target.type, direction: target.direction, start: target.start, target: target.target, current: target.value }).progress);
  const siblings = await pool.query<{ id: string; progress: string; weight: string }>(
    "SELECT id, progress::text, weight::text FROM key_results WHERE organization_id = $1 AND objective_id = $2",
    [orgId, target.objectiveId],
  );
  const objective = round4(weightedMean(siblings.rows.map((s) => ({ progress: s.id === target.id ? keyResult : s.progress, weight: s.weight }))));
  return { keyResult, objective };
}

/** One simple query: the lock and the write each take their own snapshot, so the objective's progress sees every key result committed before the lock was granted. */
async function writeCheckIn(db: Queryable, params: string[]): Promise<Record<string, unknown>> {
  const text = `BEGIN; ${inline(LOCK_SQL, params)}; ${inline(WRITE_SQL, params)}; COMMIT;`;
  try {
    const results = (await db.query(text)) as unknown as pg.QueryResult[];
    return results[2]!.rows[0] as Record<string, unknown>;
  } catch (error) {
    await db.query("ROLLBACK");
    throw error;
  }
}

/** Check-in ids for the floors: uuid v7 from this process's clock and a seeded generator, as the bench data's. */
const checkInIds = prng(Date.now() >>> 0);

interface CheckInBody {
  keyResultId: string;
  value: string;
  confidence: string;
  note: string;
}

export const checkInSubmit: CompareOp = {
  id: "check-in",
  name: "check-in submit",
  kind: "write",
  mode: "compare",
  concurrent: true,
  description:
    "POST /api/v1/check-ins as the owner (session cookie), each request on another key result of the active cycle; floors: the same rows (check-in, version, key result, objective progress, audit event) by plain pg in one transaction (lock, then one statement, sent as one simple query); the same number of database connections on every side",
  targets: TARGETS.checkInThroughput,
  /** Needs a client of its own (`db`), not a pool: a failed transaction is rolled back on the connection that began it. */
  async serve(db, { orgId, userId, timeZone, body }) {
    const input = JSON.parse(body ?? "{}") as CheckInBody;
    const now = new Date();
    const week = weekOf(now, timeZone).toISOString().slice(0, 10);
    const params = [orgId, input.keyResultId, userId, week, input.value, input.confidence, input.note, now.toISOString(), uuidV7(checkInIds, now), uuidV7(checkInIds, now), uuidV7(checkInIds, now)];
    return { status: 201, json: JSON.stringify(await writeCheckIn(db, params)) };
  },
  async prepare(ctx) {
    const { organizationId, cycles, users } = ctx.manifest;
    const author = users.owner;
    const startedAt = new Date(Date.now() - 1000);
    const zone = await ctx.pool.query<{ time_zone: string }>("SELECT time_zone FROM users WHERE id = $1", [author.id]);
    const week = weekOf(new Date(), zone.rows[0]!.time_zone).toISOString().slice(0, 10);
    const rows = await ctx.pool.query<{ id: string; objective_id: string; type: KeyResultType; direction: Direction; start: string; target: string; milestones: string[] }>(
      TARGETS_SQL,
      [organizationId, cycles.active.id, week],
    );
    const targets: Target[] = rows.rows.map((r) => ({ id: r.id, objectiveId: r.objective_id, type: r.type, direction: r.direction, start: r.start, target: r.target, value: acceptedValue(r) }));
    if (targets.length < 300) throw new Error(`only ${targets.length} key results without a check-in this week; regenerate the data`);
    const snapshot = await takeSnapshot(ctx.pool, organizationId, targets);
    // Each side writes every third place of the list (Keel the first, the floors the second and third), so none
    // updates what another created; the harness numbers each side's requests on its own.
    const targetOf = (side: number) => (i: number) => targets[(3 * i + side) % targets.length]!;
    const keelTarget = targetOf(0);
    const floorTargets = [targetOf(1), targetOf(2)];
    const confidence = (i: number) => CONFIDENCES[i % CONFIDENCES.length]!;
    const expected = new Map<string, { keyResult: string; objective: string }>();
    for (const target of [keelTarget(0), ...floorTargets.map((t) => t(0))]) expected.set(target.id, await expectedProgress(ctx.pool, organizationId, target));
    const cookie = await ctx.cookieHeader(author);
    const bodyOf = (target: Target, i: number) => JSON.stringify({ keyResultId: target.id, value: target.value, confidence: confidence(i), note: `${NOTE_PREFIX} ${i}` });

    return {
      keel: {
        request: (i) => ({
          method: "POST",
          path: "/api/v1/check-ins",
          // A write with the session cookie must come from a Keel page (lib/http/same-origin.ts), as the browser says it does.
          headers: { cookie, origin: ctx.baseUrl, "content-type": "application/json", accept: "application/json" },
          body: bodyOf(keelTarget(i), i),
        }),
        expectStatus: 201,
      },
      user: author,
      floor: (i, side) => ({ method: "POST", body: bodyOf(floorTargets[side === "sql" ? 0 : 1]!(i), i) }),
      verify(keel, floor) {
        const answer = JSON.parse(keel.body) as { version: number; keyResult: { id: string; progress: string }; objective: { progress: string } };
        const written = JSON.parse(floor) as { keyResultId: string; version: number; isNew: boolean; keyResultProgress: string; objectiveProgress: string };
        const forKeel = expected.get(answer.keyResult.id);
        const forFloor = expected.get(written.keyResultId);
        const problems = [
          answer.keyResult.id !== keelTarget(0).id && `Keel checked in on ${answer.keyResult.id}, not ${keelTarget(0).id}`,
          answer.version !== 1 && `Keel wrote version ${answer.version} of a new check-in`,
          answer.keyResult.progress !== forKeel?.keyResult && `Keel's key result progress is ${answer.keyResult.progress}, expected ${forKeel?.keyResult}`,
          answer.objective.progress !== forKeel?.objective && `Keel's objective progress is ${answer.objective.progress}, expected ${forKeel?.objective}`,
          !forFloor && `the floor checked in on ${written.keyResultId}, which is not one of its first targets`,
          !(written.isNew && written.version === 1) && `the floor wrote version ${written.version} (new: ${written.isNew})`,
          written.keyResultProgress !== forFloor?.keyResult && `the floor's key result progress is ${written.keyResultProgress}, expected ${forFloor?.keyResult}`,
          written.objectiveProgress !== forFloor?.objective && `the floor's objective progress is ${written.objectiveProgress}, expected ${forFloor?.objective}`,
        ].filter(Boolean);
        if (problems.length) throw new Error(problems.join("; "));
      },
      async reset() {
        await ctx.pool.query(RESET_CHECK_INS_SQL, [organizationId, startedAt]);
        await ctx.pool.query(RESET_AUDIT_SQL, [organizationId, startedAt]);
        const k = snapshot.keyResults;
        await ctx.pool.query(RESTORE_KEY_RESULTS_SQL, [k.ids, k.currentValues, k.progress, k.confidences, k.lastCheckIns, k.updatedAt]);
        const o = snapshot.objectives;
        await ctx.pool.query(RESTORE_OBJECTIVES_SQL, [o.ids, o.progress, o.updatedAt]);
      },
    };
  },
};
