import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { listCycles, type CycleSummary } from "@/lib/cycles/queries";
import { addWeeks, daysBetween, isoDate, mondayOf, parseIsoDate, weekOf } from "@/lib/dates/week";
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

/**
 * "My week": every key result the person owns in the active cycles, grouped by objective in planned order, with
 * this week's check-in if done, its history and forecast. A fixed handful of queries whatever the organisation's
 * size: the key results come from the (organization, owner, cycle) index.
 */
export async function getMyWeek(actor: Actor, now: Date = new Date()): Promise<MyWeek> {
  const { cycles } = await listCycles(actor);
  const week = weekOf(now, actor.timeZone);
  const activeCycles = cycles.filter((c) => c.state === "active");
  const cycleById = new Map(activeCycles.map((c) => [c.id, c]));
  if (!activeCycles.length) return { week: isoDate(week), timeZone: actor.timeZone, activeCycles, objectives: [] };

  const owned = await db.keyResult.findMany({
    where: { organizationId: actor.orgId, ownerId: actor.userId, cycleId: { in: activeCycles.map((c) => c.id) } },
    select: {
      id: true,
      title: true,
      type: true,
      direction: true,
      startValue: true,
      targetValue: true,
      currentValue: true,
      unit: true,
      milestones: true,
      progress: true,
      confidence: true,
      lastCheckInAt: true,
      cycleId: true,
      objective: { select: { id: true, title: true, progress: true, position: true, state: true } },
      checkIns: { where: { week }, select: { value: true, confidence: true, note: true, version: true } },
    },
    orderBy: [{ objective: { position: "asc" } }, { objectiveId: "asc" }, { position: "asc" }, { createdAt: "asc" }],
  });
  // A person owns a handful of key results: leaving abandoned objectives out here is cheaper than a join filter.
  const keyResults = owned.filter((kr) => kr.objective.state !== "abandoned");
  const objectiveIds = [...new Set(keyResults.map((kr) => kr.objective.id))];
  const [history, trends] = await Promise.all([listCheckInHistory(actor.orgId, keyResults.map((kr) => kr.id)), objectiveProgressHistory(actor.orgId, objectiveIds, now)]);

  const objectives = new Map<string, MyWeekObjective>();
  for (const kr of keyResults) {
    const cycle = cycleById.get(kr.cycleId)!;
    const objective = objectives.get(kr.objective.id) ?? {
      id: kr.objective.id,
      title: kr.objective.title,
      progress: kr.objective.progress.toString(),
      trend: trends.get(kr.objective.id) ?? [],
      keyResults: [],
    };
    objectives.set(kr.objective.id, objective);
    const points = history.get(kr.id) ?? [];
    const thisWeek = kr.checkIns[0];
    objective.keyResults.push({
      id: kr.id,
      title: kr.title,
      type: kr.type,
      direction: kr.direction,
      start: kr.startValue.toString(),
      target: kr.targetValue.toString(),
      current: kr.currentValue.toString(),
      unit: kr.unit,
      milestones: kr.milestones,
      progress: kr.progress.toString(),
      confidence: kr.confidence,
      lastCheckInAt: kr.lastCheckInAt?.toISOString() ?? null,
      thisWeek: thisWeek ? { value: thisWeek.value.toString(), confidence: thisWeek.confidence, note: thisWeek.note, version: thisWeek.version } : null,
      history: points,
      forecast: forecastKeyResult({ points, start: kr.startValue, target: kr.targetValue, type: kr.type, direction: kr.direction, cycleEnd: cycle.endDate }),
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
    select: { id: true, keyResultId: true, authorId: true, week: true, value: true, confidence: true, note: true, version: true, createdAt: true, updatedAt: true },
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
      createdAt: true,
      updatedAt: true,
      versions: { where: { organizationId: orgId }, orderBy: { version: "asc" }, select: { version: true, authorId: true, value: true, confidence: true, note: true, createdAt: true } },
    },
  });
  if (!row) throw notFound("That check-in");
  return { ...serializeCheckIn(row), versions: row.versions.map(serializeVersion) };
}
