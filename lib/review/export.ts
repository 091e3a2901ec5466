import "server-only";
import { valueThenJoin } from "./value-then";
import { db } from "@/lib/db/prisma";
import { isoDate } from "@/lib/dates/week";
import type { Direction, KeyResultType } from "@/lib/progress";
import { listTeamOptions } from "@/lib/objectives/queries";
import { keyResultChanges, type ConfidenceName } from "./changes";
import { csvRow } from "./csv";
import { notFound } from "@/lib/errors";
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
  weight: string;
  last_check_in_at: Date | null;
  created_at: Date;
  is_new: boolean;
  then_value: string | null;
  then_confidence: ConfidenceName | null;
}

/**
 * Every key result of the cycle (or of a team and its sub-teams) with its progress now and at the date, as CSV,
 * streamed in batches so 60,000 rows never sit in memory at once.
 */
export function keyResultsCsv(orgId: string, cycle: ReviewCycle, since: Date, scope: string[] | null, now = new Date()): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const staleBefore = new Date(now.getTime() - STALE_DAYS * 86_400_000);
  let after = "00000000-0000-0000-0000-000000000000";
  let teamLabels: Map<string, string> | null = null;
  return new ReadableStream({
    async start(controller) {
      teamLabels = new Map((await listTeamOptions(orgId)).map((t) => [t.id, t.label]));
      controller.enqueue(
        encoder.encode(
          csvRow(["team", "objective", "key result", "owner", "type", "direction", "start", "target", "current", "unit", `progress on ${isoDate(since)}`, "progress now", "change (points)", `confidence on ${isoDate(since)}`, "confidence now", "last check-in", `no check-in for ${STALE_DAYS}+ days`]),
        ),
      );
    },
    async pull(controller) {
      const rows = await db.$queryRaw<ExportRow[]>`
        SELECT k.id::text, k.title, o.id::text AS objective_id, o.title AS objective_title, o.team_id::text, u.name AS owner_name,
               k.type::text AS type, k.direction::text AS direction, k.start_value::text, k.target_value::text, k.current_value::text,
               k.unit, k.confidence::text AS confidence, k.weight::text, k.last_check_in_at, k.created_at, k.created_at >= ${since} AS is_new,
               then_v.value::text AS then_value, then_v.confidence::text AS then_confidence
        FROM key_results k
        JOIN objectives o ON o.id = k.objective_id
        JOIN users u ON u.id = k.owner_id
        ${valueThenJoin(since)}
        WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid AND k.id > ${after}::uuid
          AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))
        ORDER BY k.id
        LIMIT ${BATCH}`;
      if (!rows.length) {
        controller.close();
        return;
      }
      after = rows[rows.length - 1]!.id;
      const changes = keyResultChanges(
        rows.map((r) => ({ id: r.id, objectiveId: r.objective_id, type: r.type, direction: r.direction, startValue: r.start_value, targetValue: r.target_value, currentValue: r.current_value, confidence: r.confidence, weight: r.weight, isNew: r.is_new })),
        new Map(rows.filter((r) => r.then_value !== null).map((r) => [r.id, { value: r.then_value!, confidence: r.then_confidence! }])),
      );
      const text = rows
        .map((r, i) => {
          const c = changes[i]!;
          return csvRow([
            r.team_id ? (teamLabels!.get(r.team_id) ?? "") : "Company",
            r.objective_title,
            r.title,
            r.owner_name,
            r.type,
            r.direction,
            r.start_value,
            r.target_value,
            r.current_value,
            r.unit,
            r.is_new ? "" : c.progressThen.toFixed(1),
            c.progressNow.toFixed(1),
            r.is_new ? "" : c.delta.toFixed(1),
            c.confidenceThen ?? "",
            r.confidence ?? "",
            r.last_check_in_at ? r.last_check_in_at.toISOString() : "",
            (r.last_check_in_at ?? r.created_at) < staleBefore ? "yes" : "no",
          ]);
        })
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** The team roll-up of the review page as CSV. */
export async function teamsCsv(orgId: string, cycle: ReviewCycle, since: Date, teamId: string | null): Promise<string> {
  const review = await loadReview(orgId, cycle, since, teamId);
  return [
    csvRow(["team", "level", "objectives", "progress", "on track", "at risk", "off track", "no check-in"]),
    ...review.teams.map((t) => csvRow([t.name, t.depth, t.objectiveCount, t.progress.toFixed(1), t.confidence.on_track, t.confidence.at_risk, t.confidence.off_track, t.confidence.none])),
  ].join("");
}

/** The review as a CSV response for the cycle, date and team the query names (cycle and team within the organisation). */
export async function reviewCsvResponse(orgId: string, query: { cycle: string; since?: string; team?: string; section: "key-results" | "teams" }): Promise<Response> {
  const cycle = await db.cycle.findFirst({ where: { id: query.cycle, organizationId: orgId }, select: { id: true, name: true, state: true, startDate: true, endDate: true } });
  if (!cycle) throw notFound("That cycle");
  const { since, teamId } = parseReviewParams({ since: query.since, team: query.team }, cycle, new Date());
  let scope: string[] | null = null;
  if (teamId) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE sub AS (
        SELECT id FROM teams WHERE id = ${teamId}::uuid AND organization_id = ${orgId}::uuid
        UNION SELECT t.id FROM teams t JOIN sub ON t.parent_id = sub.id WHERE t.organization_id = ${orgId}::uuid
      ) SELECT id::text FROM sub`;
    if (!rows.length) throw notFound("That team");
    scope = rows.map((r) => r.id);
  }
  const filename = `keel-review-${cycle.name.replace(/[^\w-]+/g, "-")}-since-${isoDate(since)}-${query.section}.csv`;
  const headers = { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" };
  if (query.section === "teams") return new Response(await teamsCsv(orgId, cycle, since, teamId), { headers });
  return new Response(keyResultsCsv(orgId, cycle, since, scope), { headers });
}
