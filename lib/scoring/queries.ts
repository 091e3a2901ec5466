import "server-only";
import { db, type DbOrTx } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ObjectiveKind, ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";
import { keyResultResource } from "@/lib/key-results/mutations";
import { objectiveResource } from "@/lib/objectives/mutations";
import { can, type PermissionSubject } from "@/lib/permissions";
import { dec, Decimal, ZERO } from "@/lib/progress/decimal";
import { rollUpTeams } from "@/lib/progress/rollup";
import { findTeamSubtreeIds } from "@/lib/teams/queries";
import { buildTeamTree, flattenTeamTree } from "@/lib/teams/tree";
import { suggestedScore, type ScoreBand } from "./score";

export const SCORING_PAGE_SIZE = 25;

/** Objectives that are scored when a cycle closes: drafts never started and abandoned ones were stopped. */
export const SCORED_STATES = ["active", "done"] as const satisfies readonly ObjectiveState[];

/**
 * `AND o.team_id IN (<the team and every team beneath it>)` for raw queries over objectives aliased `o`, or
 * nothing without a team. The recursion stays inside the organisation. With `isUnknownTeamIgnored`, a team the
 * organisation does not have filters nothing, so a page can show everything and explain, in the same round of queries.
 */
export function teamSubtreeCondition(orgId: string, teamId: string | undefined, options: { isUnknownTeamIgnored?: boolean } = {}): Prisma.Sql {
  if (!teamId) return Prisma.empty;
  const subtree = Prisma.sql`o.team_id IN (
    WITH RECURSIVE sub AS (
      SELECT t.id FROM teams t WHERE t.id = ${teamId}::uuid AND t.organization_id = ${orgId}::uuid
      UNION
      SELECT t.id FROM teams t JOIN sub ON t.parent_id = sub.id WHERE t.organization_id = ${orgId}::uuid
    )
    SELECT id FROM sub)`;
  if (!options.isUnknownTeamIgnored) return Prisma.sql`AND ${subtree}`;
  return Prisma.sql`AND (${subtree} OR NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = ${teamId}::uuid AND t.organization_id = ${orgId}::uuid))`;
}

/**
 * What a filtered list does with a team the organisation does not have: the API answers 404 (`not_found`); a page,
 * whose address may be stale or edited, lists every team instead (`ignore`) and says so.
 */
export type UnknownTeamHandling = "not_found" | "ignore";

export interface ScoringCounts {
  /** Key results of the cycle's scored objectives. */
  keyResults: number;
  unscored: number;
}

/** How many key results the cycle has to score and how many are still unscored, in one grouped query. */
export async function countScoring(client: DbOrTx, orgId: string, cycleId: string): Promise<ScoringCounts> {
  const rows = await client.$queryRaw<{ total: bigint; unscored: bigint }[]>`
    SELECT count(*) AS total, count(*) FILTER (WHERE k.score IS NULL) AS unscored
    FROM key_results k
    JOIN objectives o ON o.id = k.objective_id AND o.organization_id = ${orgId}::uuid
    WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycleId}::uuid
      AND o.state IN ('active', 'done')`;
  return { keyResults: Number(rows[0]?.total ?? 0), unscored: Number(rows[0]?.unscored ?? 0) };
}

export interface ScoringKeyResult {
  id: string;
  title: string;
  owner: { id: string; name: string };
  type: string;
  direction: string;
  unit: string;
  currentValue: string;
  targetValue: string;
  /** Percent, 0-100. */
  progress: number;
  score: string | null;
  suggestedScore: string;
  canScore: boolean;
}

export interface ScoringObjective {
  id: string;
  title: string;
  level: ObjectiveLevel;
  kind: ObjectiveKind;
  state: ObjectiveState;
  progress: number;
  team: { id: string; name: string } | null;
  owner: { id: string; name: string };
  retroWentWell: string;
  retroLearned: string;
  canEditRetro: boolean;
  keyResults: ScoringKeyResult[];
}

export interface ScoringPageFilters {
  /** Only this team's objectives and those of the teams beneath it. */
  teamId?: string;
  unknownTeam?: UnknownTeamHandling;
  /** Only objectives this person owns or owns a key result of. */
  mine?: string;
  cursor?: string;
}

export type ScoringViewer = PermissionSubject & { orgId: string };

/**
 * The closing page: one page of the cycle's scored objectives with their key results (progress, current score and
 * the suggested one), their retrospective, and what the viewer may edit; plus the cycle's unscored count.
 * Paged by objective id, so a cycle of 20,000 objectives never lands on one page.
 */
export async function listScoringPage(viewer: ScoringViewer, cycleId: string, filters: ScoringPageFilters = {}) {
  const orgId = viewer.orgId;
  const [cycle, counts, teamIds] = await Promise.all([
    db.cycle.findFirst({ where: { id: cycleId, organizationId: orgId }, select: { id: true, name: true, state: true, startDate: true, endDate: true, summary: true } }),
    countScoring(db, orgId, cycleId),
    filters.teamId ? findTeamSubtreeIds(orgId, filters.teamId) : Promise.resolve(null),
  ]);
  if (!cycle) throw notFound("That cycle");
  const isTeamUnknown = teamIds !== null && teamIds.length === 0;
  if (isTeamUnknown && filters.unknownTeam !== "ignore") throw notFound("That team");

  const where: Prisma.ObjectiveWhereInput = {
    organizationId: orgId,
    cycleId,
    state: { in: [...SCORED_STATES] },
    ...(filters.cursor ? { id: { gt: filters.cursor } } : {}),
    ...(teamIds?.length ? { teamId: { in: teamIds } } : {}),
    ...(filters.mine ? { OR: [{ ownerId: filters.mine }, { keyResults: { some: { ownerId: filters.mine } } }] } : {}),
  };
  const rows = await db.objective.findMany({
    where,
    orderBy: { id: "asc" },
    take: SCORING_PAGE_SIZE + 1,
    select: {
      id: true,
      title: true,
      level: true,
      kind: true,
      state: true,
      progress: true,
      ownerId: true,
      teamId: true,
      retroWentWell: true,
      retroLearned: true,
      team: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true } },
      keyResults: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: {
          id: true,
          title: true,
          ownerId: true,
          type: true,
          direction: true,
          unit: true,
          currentValue: true,
          targetValue: true,
          progress: true,
          score: true,
          owner: { select: { id: true, name: true } },
        },
      },
    },
  });
  const hasMore = rows.length > SCORING_PAGE_SIZE;
  const page = hasMore ? rows.slice(0, SCORING_PAGE_SIZE) : rows;
  const isOpen = cycle.state === "active";

  const objectives: ScoringObjective[] = page.map((o) => ({
    id: o.id,
    title: o.title,
    level: o.level,
    kind: o.kind,
    state: o.state,
    progress: Number(o.progress),
    team: o.team,
    owner: o.owner,
    retroWentWell: o.retroWentWell ?? "",
    retroLearned: o.retroLearned ?? "",
    canEditRetro: isOpen && can(viewer, "retro.update", objectiveResource(o)),
    keyResults: o.keyResults.map((kr) => ({
      id: kr.id,
      title: kr.title,
      owner: kr.owner,
      type: kr.type,
      direction: kr.direction,
      unit: kr.unit,
      currentValue: kr.currentValue.toString(),
      targetValue: kr.targetValue.toString(),
      progress: Number(kr.progress),
      score: kr.score?.toString() ?? null,
      suggestedScore: suggestedScore(kr.progress, kr),
      canScore: isOpen && can(viewer, "score.update", keyResultResource(kr, o)),
    })),
  }));

  return { cycle, counts, objectives, nextCursor: hasMore ? (page[page.length - 1]?.id ?? null) : null, isTeamUnknown };
}

export type ScoringPage = Awaited<ReturnType<typeof listScoringPage>>;

interface ObjectiveScoreRow {
  id: string;
  team_id: string | null;
  kind: ObjectiveKind;
  score: string | null;
}

interface BandRow {
  total: bigint;
  scored: bigint;
  low: bigint;
  mid: bigint;
  high: bigint;
}

interface RetroRow {
  id: string;
  title: string;
  state: ObjectiveState;
  team_id: string | null;
  team_name: string | null;
  owner_name: string;
  retro_went_well: string | null;
  retro_learned: string | null;
}

interface AbandonedRow {
  id: string;
  title: string;
  abandon_reason: string | null;
  team_name: string | null;
  owner_name: string;
  total: bigint;
}

export const SUMMARY_RETRO_PAGE_SIZE = 50;
export const SUMMARY_ABANDONED_LIMIT = 50;

const toScoreText = (value: Decimal | null) => (value === null ? null : value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));

function mean(values: readonly Decimal[]): Decimal | null {
  if (!values.length) return null;
  return values.reduce((sum, v) => sum.plus(v), ZERO).dividedBy(values.length);
}

/**
 * What a closed (or closing) cycle achieved, in one round of queries: the average objective score (an objective's
 * score is the weighted mean of its scored key results), how key-result scores spread over 0.0-0.3 / 0.4-0.6 /
 * 0.7-1.0, averages by team (each team with everything beneath it), committed against aspirational, the
 * retrospectives grouped by team (a page at a time, optionally for one team and its sub-teams), the summary
 * text, and the abandoned objectives with their reasons.
 */
export async function getCycleSummary(orgId: string, cycleId: string, query: { teamId?: string; cursor?: string } = {}) {
  return (await summarizeCycle(orgId, cycleId, query, "not_found")).summary;
}

/** The same for the summary page: a team the organisation does not have filters nothing, and `isTeamUnknown` says so. */
export async function getCycleSummaryForPage(orgId: string, cycleId: string, query: { teamId?: string; cursor?: string } = {}) {
  return summarizeCycle(orgId, cycleId, query, "ignore");
}

async function summarizeCycle(orgId: string, cycleId: string, query: { teamId?: string; cursor?: string }, unknownTeam: UnknownTeamHandling) {
  const teamCondition = teamSubtreeCondition(orgId, query.teamId, { isUnknownTeamIgnored: unknownTeam === "ignore" });
  const cursorCondition = query.cursor
    ? Prisma.sql`AND (coalesce(t.name, ''), coalesce(o.team_id::text, ''), o.id) > (
        SELECT coalesce(ct.name, ''), coalesce(c.team_id::text, ''), c.id FROM objectives c LEFT JOIN teams ct ON ct.id = c.team_id
        WHERE c.id = ${query.cursor}::uuid AND c.organization_id = ${orgId}::uuid)`
    : Prisma.empty;

  const [cycle, objectiveScores, bands, teams, retroRows, abandonedRows] = await Promise.all([
    db.cycle.findFirst({
      where: { id: cycleId, organizationId: orgId },
      select: { id: true, name: true, state: true, startDate: true, endDate: true, closedAt: true, summary: true },
    }),
    db.$queryRaw<ObjectiveScoreRow[]>`
      SELECT o.id::text AS id, o.team_id::text AS team_id, o.kind::text AS kind,
        (sum(k.score * k.weight) FILTER (WHERE k.score IS NOT NULL AND k.weight > 0)
          / nullif(sum(k.weight) FILTER (WHERE k.score IS NOT NULL AND k.weight > 0), 0))::text AS score
      FROM objectives o
      LEFT JOIN key_results k ON k.objective_id = o.id AND k.organization_id = ${orgId}::uuid
      WHERE o.organization_id = ${orgId}::uuid AND o.cycle_id = ${cycleId}::uuid AND o.state IN ('active', 'done')
      GROUP BY o.id`,
    db.$queryRaw<BandRow[]>`
      SELECT count(*) AS total, count(k.score) AS scored,
        count(*) FILTER (WHERE k.score < 0.4) AS low,
        count(*) FILTER (WHERE k.score >= 0.4 AND k.score < 0.7) AS mid,
        count(*) FILTER (WHERE k.score >= 0.7) AS high
      FROM key_results k
      JOIN objectives o ON o.id = k.objective_id AND o.organization_id = ${orgId}::uuid
      WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycleId}::uuid AND o.state IN ('active', 'done')`,
    db.team.findMany({ where: { organizationId: orgId }, select: { id: true, parentId: true, name: true } }),
    db.$queryRaw<RetroRow[]>`
      SELECT o.id::text AS id, o.title, o.state::text AS state, o.team_id::text AS team_id, t.name AS team_name, u.name AS owner_name,
        o.retro_went_well, o.retro_learned
      FROM objectives o
      JOIN users u ON u.id = o.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
      WHERE o.organization_id = ${orgId}::uuid AND o.cycle_id = ${cycleId}::uuid
        AND (coalesce(o.retro_went_well, '') <> '' OR coalesce(o.retro_learned, '') <> '')
        ${teamCondition}
        ${cursorCondition}
      ORDER BY coalesce(t.name, ''), coalesce(o.team_id::text, ''), o.id
      LIMIT ${SUMMARY_RETRO_PAGE_SIZE + 1}`,
    db.$queryRaw<AbandonedRow[]>`
      SELECT o.id::text AS id, o.title, o.abandon_reason, t.name AS team_name, u.name AS owner_name, count(*) OVER () AS total
      FROM objectives o
      JOIN users u ON u.id = o.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
      WHERE o.organization_id = ${orgId}::uuid AND o.cycle_id = ${cycleId}::uuid AND o.state = 'abandoned'
        ${teamCondition}
      ORDER BY o.id
      LIMIT ${SUMMARY_ABANDONED_LIMIT}`,
  ]);
  if (!cycle) throw notFound("That cycle");
  const isTeamUnknown = Boolean(query.teamId) && !teams.some((t) => t.id === query.teamId);
  if (isTeamUnknown && unknownTeam !== "ignore") throw notFound("That team");

  const scoreOf = new Map<string, Decimal | null>(objectiveScores.map((o) => [o.id, o.score === null ? null : dec(o.score)]));
  const scored = objectiveScores.filter((o) => o.score !== null).map((o) => ({ ...o, value: dec(o.score!) }));
  const byKind = (kind: ObjectiveKind) => {
    const values = scored.filter((o) => o.kind === kind).map((o) => o.value);
    return { averageScore: toScoreText(mean(values)), objectiveCount: values.length };
  };

  const rollups = rollUpTeams(teams, scored.map((o) => ({ teamId: o.team_id, progress: o.value, isCounted: true })));
  const teamAverages = flattenTeamTree(buildTeamTree(teams))
    .map((t) => ({ team: t, rollup: rollups.get(t.id) }))
    .filter((entry) => entry.rollup && entry.rollup.objectiveCount > 0)
    .map(({ team, rollup }) => ({
      teamId: team.id,
      name: team.name,
      depth: team.depth,
      averageScore: toScoreText(rollup!.progress),
      objectiveCount: rollup!.objectiveCount,
    }));

  const hasMoreRetros = retroRows.length > SUMMARY_RETRO_PAGE_SIZE;
  const retroPage = hasMoreRetros ? retroRows.slice(0, SUMMARY_RETRO_PAGE_SIZE) : retroRows;
  const groups: { teamId: string | null; teamName: string; items: SummaryRetrospective[] }[] = [];
  for (const row of retroPage) {
    const last = groups[groups.length - 1];
    const item: SummaryRetrospective = {
      objectiveId: row.id,
      title: row.title,
      state: row.state,
      ownerName: row.owner_name,
      score: toScoreText(scoreOf.get(row.id) ?? null),
      wentWell: row.retro_went_well ?? "",
      learned: row.retro_learned ?? "",
    };
    if (last && last.teamId === row.team_id) last.items.push(item);
    else groups.push({ teamId: row.team_id, teamName: row.team_name ?? "Company", items: [item] });
  }

  const band = bands[0];
  const total = Number(band?.total ?? 0);
  const scoredKeyResults = Number(band?.scored ?? 0);
  const summary = {
    cycle,
    averageScore: toScoreText(mean(scored.map((o) => o.value))),
    objectiveCount: objectiveScores.length,
    scoredObjectiveCount: scored.length,
    keyResults: {
      total,
      scored: scoredKeyResults,
      unscored: total - scoredKeyResults,
      bands: { low: Number(band?.low ?? 0), mid: Number(band?.mid ?? 0), high: Number(band?.high ?? 0) } satisfies Record<ScoreBand, number>,
    },
    byKind: { committed: byKind("committed"), aspirational: byKind("aspirational") },
    teams: teamAverages,
    retrospectives: { groups, nextCursor: hasMoreRetros ? (retroPage[retroPage.length - 1]?.id ?? null) : null },
    abandoned: {
      items: abandonedRows.map((r) => ({ objectiveId: r.id, title: r.title, reason: r.abandon_reason ?? "", teamName: r.team_name ?? "Company", ownerName: r.owner_name })),
      total: Number(abandonedRows[0]?.total ?? 0),
    },
  };
  return { summary, isTeamUnknown };
}

export interface SummaryRetrospective {
  objectiveId: string;
  title: string;
  state: ObjectiveState;
  ownerName: string;
  score: string | null;
  wentWell: string;
  learned: string;
}

export type CycleSummary = Awaited<ReturnType<typeof getCycleSummary>>;
