import "server-only";
import { changeColumns, changeNumbers, movedSince, valueThenJoin } from "./value-then";
import { readDb, readTransaction, type ReadDb } from "@/lib/db/read";
import { isoDate } from "@/lib/dates/week";
import type { Direction, KeyResultType } from "@/lib/progress";
import { listTeamOptions } from "@/lib/objectives/queries";
import { findTeamSubtreeIds } from "@/lib/teams/queries";
import type { ConfidenceName } from "./changes";
import { csvRow } from "./csv";
import { CONFIDENCE_LABEL, DIRECTION_NAME, formatIsoDate, formatPlainNumber, KEY_RESULT_TYPE_LABEL } from "@/lib/format";
import { AppError, notFound } from "@/lib/errors";
import { parseReviewParams } from "./params";
import { loadReview, STALE_DAYS, type ReviewCycle } from "./queries";

const BATCH = 2000;

interface ExportRow {
  id: string;
  title: string;
  objective_id: string;
  objective_title: string;
  team_id: string | null;
  owner_name: string;
  type: KeyResultType;
  direction: Direction;
  start_value: string;
  target_value: string;
  current_value: string;
  unit: string;
  confidence: ConfidenceName | null;
  last_check_in_at: Date | null;
  created_at: Date;
  is_new: boolean;
  then_confidence_shown: ConfidenceName | null;
  progress_then: number;
  progress_now: number;
  delta: number;
}

/**
 * Every key result of the cycle (or of a team and its sub-teams) with its progress now and at the date, as CSV,
 * streamed in batches so 60,000 rows never sit in memory at once.
 */
export function keyResultsCsv(orgId: string, cycle: ReviewCycle, since: Date, scope: string[] | null, now = new Date(), db: ReadDb = readDb()): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const staleBefore = new Date(now.getTime() - STALE_DAYS * 86_400_000);
  let after = "00000000-0000-0000-0000-000000000000";
  let teamLabels: Map<string, string> | null = null;
  return new ReadableStream({
    async start(controller) {
      teamLabels = new Map((await listTeamOptions(orgId, db)).map((t) => [t.id, t.label]));
      controller.enqueue(
        encoder.encode(
          csvRow([
            "team",
            "objective",
            "key result",
            "owner",
            "type",
            "type_code",
            "direction",
            "direction_code",
            "start",
            "target",
            "current",
            "unit",
            `progress on ${isoDate(since)}`,
            "progress now",
            "change (points)",
            `confidence on ${isoDate(since)}`,
            `confidence_code on ${isoDate(since)}`,
            "confidence now",
            "confidence_code now",
            "last check-in",
            `no check-in for ${STALE_DAYS}+ days`,
          ]),
        ),
      );
    },
    async pull(controller) {
      // Progress then and now and the change come worked out (./value-then.ts changeColumns), as the page has them.
      const rows = await readTransaction(db, (tx) => tx.$queryRaw<ExportRow[]>`
        SELECT r.id::text, r.title, r.objective_id, r.objective_title, r.team_id, r.owner_name, r.type, r.direction, r.start_value::text, r.target_value::text,
               r.current_value, r.unit, r.confidence, r.last_check_in_at, r.created_at, r.is_new, r.then_confidence_shown::text, ${changeNumbers("r")}
        FROM (
          SELECT x.*, ${changeColumns("x")}
          FROM (
            SELECT k.id, k.title, o.id::text AS objective_id, o.title AS objective_title, o.team_id::text, u.name AS owner_name,
                   k.type::text AS type, k.direction::text AS direction, k.start_value, k.target_value, k.current_value::text,
                   k.unit, k.confidence::text AS confidence, k.progress, k.last_check_in_at, k.created_at, k.created_at >= ${since} AS is_new,
                   ${movedSince(since)} AS moved,
                   then_v.value AS then_value, then_v.confidence::text AS then_confidence
            FROM key_results k
            JOIN objectives o ON o.id = k.objective_id
            JOIN users u ON u.id = k.owner_id
            ${valueThenJoin(since)}
            WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid AND k.id > ${after}::uuid
              AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))
            ORDER BY k.id
            LIMIT ${BATCH}) x) r
        ORDER BY r.id`);
      if (!rows.length) {
        controller.close();
        return;
      }
      after = rows[rows.length - 1]!.id;
      const text = rows
        .map((r) =>
          csvRow([
            r.team_id ? (teamLabels!.get(r.team_id) ?? "") : "Company",
            r.objective_title,
            r.title,
            r.owner_name,
            KEY_RESULT_TYPE_LABEL[r.type],
            r.type,
            DIRECTION_NAME[r.direction],
            r.direction,
            formatPlainNumber(r.start_value),
            formatPlainNumber(r.target_value),
            formatPlainNumber(r.current_value),
            r.unit,
            r.is_new ? "" : r.progress_then.toFixed(1),
            r.progress_now.toFixed(1),
            r.is_new ? "" : r.delta.toFixed(1),
            r.then_confidence_shown ? CONFIDENCE_LABEL[r.then_confidence_shown] : "",
            r.then_confidence_shown ?? "",
            r.confidence ? CONFIDENCE_LABEL[r.confidence] : "",
            r.confidence ?? "",
            r.last_check_in_at ? formatIsoDate(r.last_check_in_at) : "",
            (r.last_check_in_at ?? r.created_at) < staleBefore ? "yes" : "no",
          ]),
        )
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** The team roll-up of the review page as CSV. */
export async function teamsCsv(orgId: string, cycle: ReviewCycle, since: Date, teamId: string | null, db: ReadDb = readDb()): Promise<string> {
  const review = await loadReview(orgId, cycle, since, teamId, { db });
  return [
    csvRow(["team", "level", "objectives", "progress", "on track", "at risk", "off track", "no check-in"]),
    ...review.teams.map((t) => csvRow([t.name, t.depth, t.objectiveCount, t.progress.toFixed(1), t.confidence.on_track, t.confidence.at_risk, t.confidence.off_track, t.confidence.none])),
  ].join("");
}

const MEASURE_PARTS: Record<string, string> = { targetValue: "target", startValue: "start", direction: "direction", unit: "unit", milestones: "milestones" };

/** A measure before or after a target change: the bare number when only the target moved, else each changed part by name. */
function measureText(values: Record<string, unknown> | null): string {
  if (!values) return "";
  const keys = Object.keys(MEASURE_PARTS).filter((key) => key in values);
  const text = (value: unknown) =>
    Array.isArray(value) ? value.join(" / ") : value === "" ? "(none)" : typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? formatPlainNumber(value) : String(value);
  if (keys.length === 1 && keys[0] === "targetValue") return text(values.targetValue);
  const part = (key: string) => (key === "direction" && typeof values[key] === "string" && values[key] in DIRECTION_NAME ? DIRECTION_NAME[values[key] as Direction] : text(values[key]));
  return keys.map((key) => `${MEASURE_PARTS[key]} ${part(key)}`).join("; ");
}

export const CHANGE_KIND = {
  moved: "objective progress moved",
  target: "target changed",
  added: "objective added",
  abandoned: "objective abandoned",
  focus: "focus limit exceeded",
} as const;

/**
 * The review page's "what changed since" (the objectives that moved most, targets changed, objectives added and
 * abandoned) and its focus warnings, one row per item in the page's order, as CSV. Key-result moves are in the
 * key-results section, with every key result's progress then and now. Progress moves gather every check-in since the
 * date, so they have no single moment or author; an added objective's "who" is its owner, as the page shows it; a
 * focus warning's "after" is the count and its "reason" the limit it is over.
 */
export async function changesCsv(orgId: string, cycle: ReviewCycle, since: Date, teamId: string | null, db: ReadDb = readDb()): Promise<string> {
  const { changes, focus } = await loadReview(orgId, cycle, since, teamId, { db });
  // The page does not show the team of a moved or over-full objective, or of a changed target: one lookup for all of them.
  const objectiveIds = new Set([...changes.objectives.map((o) => o.objectiveId), ...changes.targetChanges.map((t) => t.objectiveId), ...focus.objectives.map((o) => o.objectiveId)]);
  const teamRows = objectiveIds.size ? await db.objective.findMany({ where: { organizationId: orgId, id: { in: [...objectiveIds] } }, select: { id: true, team: { select: { name: true } } } }) : [];
  const teamOf = new Map(teamRows.map((o) => [o.id, o.team?.name ?? "Company"]));
  const row = (kind: string, item: string, objective: string, team: string, when: Date | null, who: string, before: unknown, after: unknown, reason: string | null) =>
    csvRow([kind, item, objective, team, when ? formatIsoDate(when) : "", who, before, after, reason ?? ""]);
  return [
    csvRow(["kind", "item", "objective", "team", "when", "who", "before", "after", "reason"]),
    ...changes.objectives.map((o) => row(CHANGE_KIND.moved, o.title, o.title, teamOf.get(o.objectiveId) ?? "", null, "", o.progressThen.toFixed(1), o.progressNow.toFixed(1), null)),
    ...changes.targetChanges.map((t) => row(CHANGE_KIND.target, t.keyResultTitle, t.objectiveTitle, teamOf.get(t.objectiveId) ?? "", t.at, t.actorName, measureText(t.before), measureText(t.after), t.reason)),
    ...changes.added.map((o) => row(CHANGE_KIND.added, o.title, o.title, o.teamName ?? "Company", o.at, o.ownerName, "", "", null)),
    ...changes.abandoned.map((o) => row(CHANGE_KIND.abandoned, o.title, o.title, o.teamName ?? "Company", o.at, o.actorName, "", "", o.reason)),
    ...focus.teams.map((t) => row(CHANGE_KIND.focus, t.name ?? "", "", t.name ?? "", null, "", "", t.count, `limit ${t.limit} objectives per team`)),
    ...focus.objectives.map((o) => row(CHANGE_KIND.focus, o.title ?? "", o.title ?? "", teamOf.get(o.objectiveId) ?? "", null, "", "", o.count, `limit ${o.limit} key results per objective`)),
    ...focus.people.map((p) => row(CHANGE_KIND.focus, p.name ?? "", "", "", null, "", "", p.count, `limit ${p.limit} key results per person`)),
  ].join("");
}

export const REVIEW_EXPORT_SECTIONS = ["key-results", "teams", "changes"] as const;
export type ReviewExportSection = (typeof REVIEW_EXPORT_SECTIONS)[number];

/** The review as a CSV response for the cycle, date and team the query names (cycle and team within the organisation). */
export async function reviewCsvResponse(
  orgId: string,
  query: { cycle: string; since?: string; team?: string; section: ReviewExportSection },
  db: ReadDb = readDb(),
): Promise<Response> {
  const cycle = await db.cycle.findFirst({ where: { id: query.cycle, organizationId: orgId }, select: { id: true, name: true, state: true, startDate: true, endDate: true } });
  if (!cycle) throw notFound("That cycle");
  // A page can show what it did instead; a file cannot, so an address it cannot use is refused rather than replaced.
  const { since, teamId, problems, fieldErrors } = parseReviewParams({ since: query.since, team: query.team }, cycle, new Date());
  if (problems.length) throw new AppError("bad_request", Object.values(fieldErrors).flat().join("; "), fieldErrors);
  let scope: string[] | null = null;
  if (teamId) {
    scope = await findTeamSubtreeIds(orgId, teamId, db);
    if (!scope.length) throw notFound("That team");
  }
  const filename = `keel-review-${cycle.name.replace(/[^\w-]+/g, "-")}-since-${isoDate(since)}-${query.section}.csv`;
  const headers = { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" };
  if (query.section === "teams") return new Response(await teamsCsv(orgId, cycle, since, teamId, db), { headers });
  if (query.section === "changes") return new Response(await changesCsv(orgId, cycle, since, teamId, db), { headers });
  return new Response(keyResultsCsv(orgId, cycle, since, scope, new Date(), db), { headers });
}
