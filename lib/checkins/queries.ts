import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { listCycles, type CycleSummary } from "@/lib/cycles/queries";
import { addWeeks, daysBetween, isoDate, mondayOf, parseIsoDate, weekOf } from "@/lib/dates/week";
import { statement } from "@/lib/db/batch";
import { pool } from "@/lib/db/pool";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { forecastKeyResult, type Forecast } from "@/lib/forecast";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pageArgs, toPage } from "@/lib/http/pagination";
import type { Direction, KeyResultType } from "@/lib/progress";
import { cycleWeeks, meanSeries, objectiveProgressSeries, type CheckInPoint, type HistoryKeyResult, type SeriesPoint } from "./history";
import type { CheckInListQuery, ConfidenceValue } from "./schemas";
import { serializeCheckIn, serializeVersion } from "./serialize";
import { weekState, type WeekState } from "./status";

/** Every check-in of these key results, oldest week first, grouped by key result. One query. */
export async function listCheckInHistory(orgId: string, keyResultIds: readonly string[]): Promise<Map<string, CheckInPoint[]>> {
  const out = new Map<string, CheckInPoint[]>(keyResultIds.map((id) => [id, []]));
  if (!keyResultIds.length) return out;
  const rows = await db.checkIn.findMany({
    where: { organizationId: orgId, keyResultId: { in: [...keyResultIds] } },
    select: { keyResultId: true, week: true, value: true, confidence: true },
    orderBy: [{ keyResultId: "asc" }, { week: "asc" }],
  });
  for (const row of rows) out.get(row.keyResultId)?.push({ week: isoDate(row.week), value: row.value.toString(), confidence: row.confidence });
  return out;
}

/**
 * Each objective's progress week by week from its cycle's first week up to this week (or the cycle's end),
 * rebuilt from its key results' check-ins: one query, then the same maths as the stored progress.
 */
export async function objectiveProgressHistory(orgId: string, objectiveIds: readonly string[], now: Date = new Date()): Promise<Map<string, SeriesPoint[]>> {
  const out = new Map<string, SeriesPoint[]>();
  if (!objectiveIds.length) return out;
  const rows = await db.$queryRaw<
    {
      objective_id: string;
      kr_id: string;
      type: KeyResultType;
      direction: Direction;
      start_value: string;
      target_value: string;
      weight: string;
      start_date: Date;
      end_date: Date;
      week: string | null;
      value: string | null;
    }[]
  >`
    SELECT o.id::text AS objective_id, kr.id::text AS kr_id, kr.type::text AS type, kr.direction::text AS direction,
           kr.start_value::text AS start_value, kr.target_value::text AS target_value, kr.weight::text AS weight,
           c.start_date, c.end_date, to_char(ci.week, 'YYYY-MM-DD') AS week, ci.value::text AS value
    FROM objectives o
    JOIN cycles c ON c.id = o.cycle_id AND c.organization_id = o.organization_id
    LEFT JOIN key_results kr ON kr.objective_id = o.id AND kr.organization_id = o.organization_id
    LEFT JOIN check_ins ci ON ci.key_result_id = kr.id AND ci.organization_id = o.organization_id
    WHERE o.organization_id = ${orgId}::uuid AND o.id = ANY(${[...objectiveIds]}::uuid[])`;

  const objectives = new Map<string, { start: Date; end: Date; keyResults: Map<string, HistoryKeyResult & { checkIns: { week: string; value: string }[] }> }>();
  for (const row of rows) {
    const objective = objectives.get(row.objective_id) ?? { start: row.start_date, end: row.end_date, keyResults: new Map() };
    objectives.set(row.objective_id, objective);
    if (!row.kr_id) continue;
    const kr = objective.keyResults.get(row.kr_id) ?? { type: row.type, direction: row.direction, start: row.start_value, target: row.target_value, weight: row.weight, checkIns: [] };
    objective.keyResults.set(row.kr_id, kr);
    if (row.week && row.value !== null) kr.checkIns.push({ week: row.week, value: row.value });
  }
  for (const [id, objective] of objectives) {
    out.set(id, objectiveProgressSeries([...objective.keyResults.values()], cycleWeeks(objective.start, objective.end, now)));
  }
  return out;
}

export interface MyWeekKeyResult {
  id: string;
  title: string;
  type: KeyResultType;
  direction: Direction;
  start: string;
  target: string;
  current: string;
  unit: string;
  milestones: string[];
  progress: string;
  confidence: ConfidenceValue | null;
  lastCheckInAt: string | null;
  /** This week's check-in, when there is one. */
  thisWeek: { value: string; confidence: ConfidenceValue; note: string; version: number } | null;
  history: CheckInPoint[];
  forecast: Forecast | null;
  cycle: { id: string; name: string; startDate: string; endDate: string };
}

export interface MyWeekObjective {
  id: string;
  title: string;
  progress: string;
  trend: SeriesPoint[];
  keyResults: MyWeekKeyResult[];
}

export interface MyWeek {
  week: string;
  timeZone: string;
  activeCycles: CycleSummary[];
  objectives: MyWeekObjective[];
}

interface MyWeekRows {
  keyResults: {
    id: string;
    title: string;
    type: KeyResultType;
    direction: Direction;
    start: string;
    target: string;
    current: string;
    unit: string;
    milestones: string[];
    progress: string;
    confidence: ConfidenceValue | null;
    lastCheckInAt: string | null;
    cycleId: string;
    objectiveId: string;
    objectiveTitle: string;
    objectiveProgress: string;
    objectiveCycleId: string;
    thisWeek: { value: string; confidence: ConfidenceValue; note: string; version: number } | null;
  }[];
  /** Every key result of those objectives (the person's and the others'), for the objectives' weekly trends. */
  measures: { id: string; objectiveId: string; type: KeyResultType; direction: Direction; start: string; target: string; weight: string }[];
  /** Every check-in of those key results, by key result, oldest week first. */
  checkIns: { keyResultId: string; week: string; value: string; confidence: ConfidenceValue }[];
}

/** $1 organisation, $2 person, $3 active cycle ids, $4 this week's Monday. Decimals as Prisma prints them (no trailing zeros). */
const MY_WEEK_SQL = `
  WITH mine AS (
    SELECT k.id, k.title, k.type, k.direction, k.start_value, k.target_value, k.current_value, k.unit, k.milestones, k.progress,
           k.confidence, k.last_check_in_at, k.cycle_id, k.position, k.created_at, k.objective_id,
           o.title AS objective_title, o.progress AS objective_progress, o.position AS objective_position, o.cycle_id AS objective_cycle_id
      FROM key_results k JOIN objectives o ON o.id = k.objective_id AND o.organization_id = $1::uuid
     WHERE k.organization_id = $1::uuid AND k.owner_id = $2::uuid AND k.cycle_id = ANY($3::uuid[]) AND o.state <> 'abandoned'),
  measures AS (
    SELECT s.id, s.objective_id, s.type, s.direction, s.start_value, s.target_value, s.weight
      FROM key_results s WHERE s.organization_id = $1::uuid AND s.objective_id IN (SELECT objective_id FROM mine))
  SELECT json_build_object(
    'keyResults', (SELECT coalesce(json_agg(json_build_object(
        'id', m.id, 'title', m.title, 'type', m.type, 'direction', m.direction, 'start', trim_scale(m.start_value)::text,
        'target', trim_scale(m.target_value)::text, 'current', trim_scale(m.current_value)::text, 'unit', m.unit, 'milestones', m.milestones,
        'progress', trim_scale(m.progress)::text, 'confidence', m.confidence, 'lastCheckInAt', m.last_check_in_at, 'cycleId', m.cycle_id,
        'objectiveId', m.objective_id, 'objectiveTitle', m.objective_title, 'objectiveProgress', trim_scale(m.objective_progress)::text,
        'objectiveCycleId', m.objective_cycle_id,
        'thisWeek', (SELECT json_build_object('value', trim_scale(c.value)::text, 'confidence', c.confidence, 'note', c.note, 'version', c.version)
                       FROM check_ins c WHERE c.organization_id = $1::uuid AND c.key_result_id = m.id AND c.week = $4::date)
      ) ORDER BY m.objective_position, m.objective_id, m.position, m.created_at), '[]') FROM mine m),
    'measures', (SELECT coalesce(json_agg(json_build_object(
        'id', s.id, 'objectiveId', s.objective_id, 'type', s.type, 'direction', s.direction,
        'start', s.start_value::text, 'target', s.target_value::text, 'weight', s.weight::text)), '[]') FROM measures s),
    'checkIns', (SELECT coalesce(json_agg(json_build_object(
        'keyResultId', c.key_result_id, 'week', to_char(c.week, 'YYYY-MM-DD'), 'value', trim_scale(c.value)::text, 'confidence', c.confidence)
        ORDER BY c.key_result_id, c.week), '[]')
      FROM check_ins c WHERE c.organization_id = $1::uuid AND c.key_result_id IN (SELECT id FROM measures))
  ) AS data`;

/**
 * "My week": every key result the person owns in the active cycles, grouped by objective in planned order, with
 * this week's check-in if done, its history and forecast. The cycles came with the actor; the rest is one statement
 * whatever the organisation's size (the key results come from the (organization, owner, cycle) index): those key
 * results with their objectives and this week's check-in, every key result of those objectives with every check-in.
 * The maths (forecast, weekly trend) runs in lib/ on those few rows.
 */
export async function getMyWeek(actor: Actor, now: Date = new Date()): Promise<MyWeek> {
  const { cycles } = await listCycles(actor);
  const week = weekOf(now, actor.timeZone);
  const activeCycles = cycles.filter((c) => c.state === "active");
  const cycleById = new Map(cycles.map((c) => [c.id, c]));
  if (!activeCycles.length) return { week: isoDate(week), timeZone: actor.timeZone, activeCycles, objectives: [] };

  const read = statement(MY_WEEK_SQL, [actor.orgId, actor.userId, activeCycles.map((c) => c.id), isoDate(week)], "keel-my-week");
  const { rows } = await pool.query<{ data: MyWeekRows }>({ ...read, values: [...read.values] });
  const { keyResults, measures, checkIns } = rows[0]!.data;

  const history = new Map<string, CheckInPoint[]>(measures.map((m) => [m.id, []]));
  for (const c of checkIns) history.get(c.keyResultId)?.push({ week: c.week, value: c.value, confidence: c.confidence });
  const measuresOf = new Map<string, HistoryKeyResult[]>();
  for (const m of measures) {
    const list = measuresOf.get(m.objectiveId) ?? [];
    list.push({ type: m.type, direction: m.direction, start: m.start, target: m.target, weight: m.weight, checkIns: history.get(m.id) ?? [] });
    measuresOf.set(m.objectiveId, list);
  }

  const objectives = new Map<string, MyWeekObjective>();
  for (const kr of keyResults) {
    const cycle = cycleById.get(kr.cycleId)!;
    let objective = objectives.get(kr.objectiveId);
    if (!objective) {
      const objectiveCycle = cycleById.get(kr.objectiveCycleId) ?? cycle;
      objective = {
        id: kr.objectiveId,
        title: kr.objectiveTitle,
        progress: kr.objectiveProgress,
        trend: objectiveProgressSeries(measuresOf.get(kr.objectiveId) ?? [], cycleWeeks(objectiveCycle.startDate, objectiveCycle.endDate, now)),
        keyResults: [],
      };
      objectives.set(kr.objectiveId, objective);
    }
    const points = history.get(kr.id) ?? [];
    objective.keyResults.push({
      id: kr.id,
      title: kr.title,
      type: kr.type,
      direction: kr.direction,
      start: kr.start,
      target: kr.target,
      current: kr.current,
      unit: kr.unit,
      milestones: kr.milestones,
      progress: kr.progress,
      confidence: kr.confidence,
      lastCheckInAt: kr.lastCheckInAt ? new Date(kr.lastCheckInAt).toISOString() : null,
      thisWeek: kr.thisWeek,
      history: points,
      forecast: forecastKeyResult({ points, start: kr.start, target: kr.target, type: kr.type, direction: kr.direction, cycleEnd: cycle.endDate }),
      cycle: { id: cycle.id, name: cycle.name, startDate: isoDate(cycle.startDate), endDate: isoDate(cycle.endDate) },
    });
  }
  return { week: isoDate(week), timeZone: actor.timeZone, activeCycles, objectives: [...objectives.values()] };
}

export interface TeamWeekKeyResult {
  id: string;
  title: string;
  type: KeyResultType;
  direction: Direction;
  unit: string;
  milestones: string[];
  target: string;
  progress: string;
  objective: { id: string; title: string };
  checkIn: { value: string; confidence: ConfidenceValue; note: string; version: number; updatedAt: string; authorName: string } | null;
  /**
   * The latest check-in before the week shown, however many weeks back: a skipped week does not make the next
   * check-in look like the first. `weeksBefore` is 1 for the week just before.
   */
  previous: { week: string; weeksBefore: number; value: string; confidence: ConfidenceValue } | null;
  forecast: Forecast | null;
}

export interface TeamWeekPerson {
  userId: string;
  name: string;
  isLead: boolean;
  state: WeekState;
  done: number;
  due: number;
  nudgedBy: string | null;
  keyResults: TeamWeekKeyResult[];
}

export interface TeamWeek {
  team: { id: string; name: string };
  cycle: CycleSummary;
  week: string;
  previousWeek: string | null;
  nextWeek: string | null;
  /** True when the week shown is the viewer's current week, the only one a nudge is for. */
  isCurrentWeek: boolean;
  people: TeamWeekPerson[];
  trend: SeriesPoint[];
  counts: { checkedIn: number; overdue: number; people: number };
}

/**
 * A team's check-ins for one week of a cycle: who owns key results of the team's objectives, who has checked in
 * and who is overdue, their notes and how confidence moved since each key result's previous check-in; plus the
 * team's progress trend.
 */
export async function getTeamWeek(actor: Actor, teamId: string, cycle: CycleSummary, requestedWeek: Date | null, now: Date = new Date()): Promise<TeamWeek> {
  const team = await db.team.findFirst({ where: { id: teamId, organizationId: actor.orgId }, select: { id: true, name: true } });
  if (!team) throw notFound("That team");

  const firstWeek = mondayOf(cycle.startDate);
  const lastWeek = mondayOf(cycle.endDate);
  const currentWeek = weekOf(now, actor.timeZone);
  const clamp = (w: Date) => (w < firstWeek ? firstWeek : w > lastWeek ? lastWeek : w);
  const week = clamp(requestedWeek ? mondayOf(requestedWeek) : currentWeek);

  const [keyResults, leads, nudges] = await Promise.all([
    db.keyResult.findMany({
      where: { organizationId: actor.orgId, cycleId: cycle.id, objective: { organizationId: actor.orgId, teamId, state: { not: "abandoned" } } },
      select: {
        id: true,
        title: true,
        type: true,
        direction: true,
        unit: true,
        milestones: true,
        startValue: true,
        targetValue: true,
        progress: true,
        owner: { select: { id: true, name: true, timeZone: true } },
        objective: { select: { id: true, title: true, position: true } },
        checkIns: {
          where: { week },
          select: { week: true, value: true, confidence: true, note: true, version: true, updatedAt: true, author: { select: { name: true } } },
        },
      },
      orderBy: [{ objective: { position: "asc" } }, { objectiveId: "asc" }, { position: "asc" }],
    }),
    db.teamMembership.findMany({ where: { organizationId: actor.orgId, teamId, role: "lead" }, select: { userId: true } }),
    db.nudge.findMany({ where: { organizationId: actor.orgId, teamId, week }, select: { toUserId: true, fromUser: { select: { name: true } } } }),
  ]);
  const objectiveIds = [...new Set(keyResults.map((kr) => kr.objective.id))];
  const [history, trends] = await Promise.all([
    listCheckInHistory(actor.orgId, keyResults.map((kr) => kr.id)),
    objectiveProgressHistory(actor.orgId, objectiveIds, now),
  ]);

  const leadIds = new Set(leads.map((l) => l.userId));
  const nudgedBy = new Map(nudges.map((n) => [n.toUserId, n.fromUser.name]));
  const weekKey = isoDate(week);
  const people = new Map<string, TeamWeekPerson & { timeZone: string }>();
  for (const kr of keyResults) {
    const person = people.get(kr.owner.id) ?? {
      userId: kr.owner.id,
      name: kr.owner.name,
      timeZone: kr.owner.timeZone,
      isLead: leadIds.has(kr.owner.id),
      state: "not_due" as WeekState,
      done: 0,
      due: 0,
      nudgedBy: nudgedBy.get(kr.owner.id) ?? null,
      keyResults: [],
    };
    people.set(kr.owner.id, person);
    const current = kr.checkIns[0];
    const points = history.get(kr.id) ?? [];
    // The history (oldest first) is loaded for the forecast anyway: the previous check-in comes from it at no extra query.
    const before = points.findLast((p) => p.week < weekKey);
    person.due += 1;
    if (current) person.done += 1;
    person.keyResults.push({
      id: kr.id,
      title: kr.title,
      type: kr.type,
      direction: kr.direction,
      unit: kr.unit,
      milestones: kr.milestones,
      target: kr.targetValue.toString(),
      progress: kr.progress.toString(),
      objective: { id: kr.objective.id, title: kr.objective.title },
      checkIn: current
        ? { value: current.value.toString(), confidence: current.confidence, note: current.note, version: current.version, updatedAt: current.updatedAt.toISOString(), authorName: current.author.name }
        : null,
      previous: before ? { week: before.week, weeksBefore: Math.round(daysBetween(parseIsoDate(before.week)!, week) / 7), value: before.value, confidence: before.confidence } : null,
      forecast: forecastKeyResult({
        points,
        start: kr.startValue,
        target: kr.targetValue,
        type: kr.type,
        direction: kr.direction,
        cycleEnd: cycle.endDate,
      }),
    });
  }
  const list = [...people.values()]
    .map(({ timeZone, ...p }) => ({ ...p, state: weekState({ week, now, timeZone, due: p.due, done: p.done }) }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    team,
    cycle,
    week: weekKey,
    previousWeek: week > firstWeek ? isoDate(addWeeks(week, -1)) : null,
    nextWeek: week < lastWeek && week < currentWeek ? isoDate(addWeeks(week, 1)) : null,
    isCurrentWeek: weekKey === isoDate(currentWeek),
    people: list,
    trend: meanSeries([...trends.values()]),
    counts: {
      people: list.length,
      checkedIn: list.filter((p) => p.state === "checked_in").length,
      overdue: list.filter((p) => p.state === "overdue").length,
    },
  };
}

/** API v1 list: check-ins filtered by key result, team and/or week, a page at a time (oldest first). */
export async function listCheckIns(orgId: string, query: CheckInListQuery) {
  if (query.keyResultId) {
    const kr = await db.keyResult.findFirst({ where: { id: query.keyResultId, organizationId: orgId }, select: { id: true } });
    if (!kr) throw notFound("That key result");
  }
  if (query.teamId) {
    const team = await db.team.findFirst({ where: { id: query.teamId, organizationId: orgId }, select: { id: true } });
    if (!team) throw notFound("That team");
  }
  const args = pageArgs(query);
  const where: Prisma.CheckInWhereInput = {
    ...args.where,
    organizationId: orgId,
    ...(query.keyResultId ? { keyResultId: query.keyResultId } : {}),
    ...(query.week ? { week: query.week } : {}),
    ...(query.teamId ? { keyResult: { organizationId: orgId, objective: { organizationId: orgId, teamId: query.teamId } } } : {}),
  };
  const rows = await db.checkIn.findMany({
    ...args,
    where,
    select: { id: true, keyResultId: true, authorId: true, week: true, value: true, confidence: true, note: true, version: true, apiTokenId: true, createdAt: true, updatedAt: true },
  });
  return toPage(rows, query, serializeCheckIn);
}

/** One check-in with every saved version, oldest first. */
export async function getCheckIn(orgId: string, id: string) {
  const row = await db.checkIn.findFirst({
    where: { id, organizationId: orgId },
    select: {
      id: true,
      keyResultId: true,
      authorId: true,
      week: true,
      value: true,
      confidence: true,
      note: true,
      version: true,
      apiTokenId: true,
      createdAt: true,
      updatedAt: true,
      versions: { where: { organizationId: orgId }, orderBy: { version: "asc" }, select: { version: true, authorId: true, value: true, confidence: true, note: true, createdAt: true } },
    },
  });
  if (!row) throw notFound("That check-in");
  return { ...serializeCheckIn(row), versions: row.versions.map(serializeVersion) };
}
