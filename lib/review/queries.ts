import "server-only";
import { movedSince, valueThenJoin } from "./value-then";
import { readDb, type ReadDb } from "@/lib/db/read";
import { organizationProgress, rollUpTeams } from "@/lib/progress";
import type { Direction, KeyResultType } from "@/lib/progress";
import { loadFocusWarnings } from "@/lib/focus/queries";
import { keyResultChanges, objectiveChanges, summarise, type ConfidenceName, type KeyResultNow, type KeyResultThen } from "./changes";

export const LIST_LIMIT = 100;
export const STALE_DAYS = 14;

export interface ReviewCycle {
  id: string;
  name: string;
  state: string;
  startDate: Date;
  endDate: Date;
}

export interface TeamRow {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
  progress: number;
  objectiveCount: number;
  confidence: { on_track: number; at_risk: number; off_track: number; none: number };
}

interface KeyResultListRow {
  id: string;
  title: string;
  objective_id: string;
  objective_title: string;
  team_name: string | null;
  owner_name: string;
  progress: string;
  confidence: ConfidenceName | null;
  last_check_in_at: Date | null;
  note: string | null;
}

export interface KeyResultItem {
  id: string;
  title: string;
  objectiveId: string;
  objectiveTitle: string;
  teamName: string | null;
  ownerName: string;
  progress: number;
  confidence: ConfidenceName | null;
  lastCheckInAt: Date | null;
  note: string | null;
}

const toItem = (r: KeyResultListRow): KeyResultItem => ({
  id: r.id,
  title: r.title,
  objectiveId: r.objective_id,
  objectiveTitle: r.objective_title,
  teamName: r.team_name,
  ownerName: r.owner_name,
  progress: Number(r.progress),
  confidence: r.confidence,
  lastCheckInAt: r.last_check_in_at,
  note: r.note,
});

/** The teams to look at: the chosen team and everything beneath it, or all of them. */
function subtree(teams: { id: string; parentId: string | null }[], root: string | null): string[] | null {
  if (!root) return null;
  const children = new Map<string, string[]>();
  for (const t of teams) if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * Everything the review page shows for a cycle, in two rounds of queries: the teams, then in parallel the
 * roll-ups, what needs attention, what went quiet and what changed since the date.
 */
export async function loadReview(orgId: string, cycle: ReviewCycle, since: Date, teamId: string | null, options: { now?: Date; teamDepth?: number; db?: ReadDb } = {}) {
  const db = options.db ?? readDb();
  const now = options.now ?? new Date();
  const teamDepth = options.teamDepth ?? Infinity;
  const teams = await db.team.findMany({ where: { organizationId: orgId }, select: { id: true, name: true, parentId: true, archivedAt: true }, orderBy: { name: "asc" } });
  const scope = subtree(teams, teamId);
  const staleBefore = new Date(now.getTime() - STALE_DAYS * 86_400_000);

  const [objectives, confidenceRows, attention, attentionCount, stale, staleCount, moved, targetChanges, added, abandoned, focus] = await Promise.all([
    db.objective.findMany({ where: { organizationId: orgId, cycleId: cycle.id }, select: { id: true, teamId: true, progress: true, state: true, title: true } }),
    db.$queryRaw<{ team_id: string | null; confidence: ConfidenceName | null; n: number }[]>`
      SELECT o.team_id::text, k.confidence::text AS confidence, count(*)::int AS n
      FROM key_results k JOIN objectives o ON o.id = k.objective_id
      WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid AND o.state IN ('draft', 'active', 'done')
      GROUP BY 1, 2`,
    db.$queryRaw<KeyResultListRow[]>`
      SELECT k.id::text, k.title, o.id::text AS objective_id, o.title AS objective_title, t.name AS team_name, u.name AS owner_name,
             k.progress::text, k.confidence::text AS confidence, k.last_check_in_at, last.note
      FROM key_results k
      JOIN objectives o ON o.id = k.objective_id
      JOIN users u ON u.id = k.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
      LEFT JOIN LATERAL (SELECT c.note FROM check_ins c WHERE c.key_result_id = k.id ORDER BY c.week DESC LIMIT 1) last ON true
      WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid AND k.confidence IN ('at_risk', 'off_track')
        AND o.state IN ('draft', 'active') AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))
      ORDER BY k.confidence DESC, k.progress ASC, k.id
      LIMIT ${LIST_LIMIT}`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM key_results k JOIN objectives o ON o.id = k.objective_id
      WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid AND k.confidence IN ('at_risk', 'off_track')
        AND o.state IN ('draft', 'active') AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))`,
    db.$queryRaw<KeyResultListRow[]>`
      SELECT k.id::text, k.title, o.id::text AS objective_id, o.title AS objective_title, t.name AS team_name, u.name AS owner_name,
             k.progress::text, k.confidence::text AS confidence, k.last_check_in_at, NULL AS note
      FROM key_results k
      JOIN objectives o ON o.id = k.objective_id
      JOIN users u ON u.id = k.owner_id
      LEFT JOIN teams t ON t.id = o.team_id
      WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid AND o.state = 'active'
        AND coalesce(k.last_check_in_at, k.created_at) < ${staleBefore}
        AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))
      ORDER BY k.last_check_in_at ASC NULLS FIRST, k.id
      LIMIT ${LIST_LIMIT}`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM key_results k JOIN objectives o ON o.id = k.objective_id
      WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid AND o.state = 'active'
        AND coalesce(k.last_check_in_at, k.created_at) < ${staleBefore}
        AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))`,
    // Every key result of the objectives that can have moved since the date (one of their key results checked in or
    // created since), with what it stood at then: an objective's progress then and now needs all its key results.
    db.$queryRaw<
      {
        id: string;
        title: string;
        objective_id: string;
        type: KeyResultType;
        direction: Direction;
        start_value: string;
        target_value: string;
        confidence: ConfidenceName | null;
        weight: string;
        progress: string;
        moved: boolean;
        is_new: boolean;
        then_value: string | null;
        then_confidence: ConfidenceName | null;
      }[]
    >`
      WITH moved_objectives AS (
        SELECT DISTINCT k.objective_id FROM key_results k JOIN objectives o ON o.id = k.objective_id
        WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid
          AND ${movedSince(since)}
          AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))
      )
      SELECT k.id::text, k.title, k.objective_id::text, k.type::text AS type, k.direction::text AS direction, k.start_value::text, k.target_value::text,
             k.confidence::text AS confidence, k.weight::text, k.progress::text, k.created_at >= ${since} AS is_new,
             ${movedSince(since)} AS moved,
             then_v.value::text AS then_value, then_v.confidence::text AS then_confidence
      FROM key_results k
      JOIN moved_objectives m ON m.objective_id = k.objective_id
      ${valueThenJoin(since)}
      WHERE k.organization_id = ${orgId}::uuid`,
    db.$queryRaw<{ id: string; created_at: Date; reason: string | null; before: unknown; after: unknown; actor_name: string | null; key_result_id: string; key_result_title: string; type: string; unit: string; objective_id: string; objective_title: string }[]>`
      SELECT a.id::text, a.created_at, a.reason, a.before, a.after, u.name AS actor_name, k.id::text AS key_result_id, k.title AS key_result_title, k.type::text AS type, k.unit,
             o.id::text AS objective_id, o.title AS objective_title
      FROM audit_events a
      JOIN key_results k ON k.id = a.entity_id AND k.cycle_id = ${cycle.id}::uuid
      JOIN objectives o ON o.id = k.objective_id
      LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.organization_id = ${orgId}::uuid AND a.action = 'keyresult.target_changed' AND a.created_at >= ${since}
        AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))
      ORDER BY a.created_at DESC
      LIMIT ${LIST_LIMIT}`,
    db.objective.findMany({
      where: { organizationId: orgId, cycleId: cycle.id, createdAt: { gte: since }, ...(scope ? { teamId: { in: scope } } : {}) },
      select: { id: true, title: true, createdAt: true, team: { select: { name: true } }, owner: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
      take: LIST_LIMIT,
    }),
    db.$queryRaw<{ id: string; title: string; reason: string | null; created_at: Date; actor_name: string | null; team_name: string | null }[]>`
      SELECT o.id::text, o.title, a.reason, a.created_at, u.name AS actor_name, t.name AS team_name
      FROM audit_events a
      JOIN objectives o ON o.id = a.entity_id AND o.cycle_id = ${cycle.id}::uuid
      LEFT JOIN users u ON u.id = a.actor_id
      LEFT JOIN teams t ON t.id = o.team_id
      WHERE a.organization_id = ${orgId}::uuid AND a.action = 'objective.abandoned' AND a.created_at >= ${since}
        AND (${scope}::uuid[] IS NULL OR o.team_id = ANY(${scope}::uuid[]))
      ORDER BY a.created_at DESC
      LIMIT ${LIST_LIMIT}`,
    loadFocusWarnings(orgId, cycle.id, db),
  ]);

  // Roll-ups over the team tree: progress of counted objectives, and key-result confidences, each team with its sub-teams.
  const rollups = rollUpTeams(
    teams.map((t) => ({ id: t.id, parentId: t.parentId })),
    objectives.map((o) => ({ teamId: o.teamId, progress: o.progress.toString(), isCounted: o.state === "active" || o.state === "done" })),
  );
  const confidenceByTeam = new Map<string, TeamRow["confidence"]>();
  for (const row of confidenceRows) {
    if (!row.team_id) continue;
    const entry = confidenceByTeam.get(row.team_id) ?? { on_track: 0, at_risk: 0, off_track: 0, none: 0 };
    entry[row.confidence ?? "none"] += row.n;
    confidenceByTeam.set(row.team_id, entry);
  }
  const teamRows = orderTeams(teams, scope ? new Set(scope) : null).map(({ team, depth }) => {
    const r = rollups.get(team.id);
    return { id: team.id, name: team.name, parentId: team.parentId, depth, progress: r?.progress.toNumber() ?? 0, objectiveCount: r?.objectiveCount ?? 0, confidence: { on_track: 0, at_risk: 0, off_track: 0, none: 0 } };
  });
  // Confidence counts roll up the tree too: children are listed after parents, so add bottom-up.
  const rowById = new Map(teamRows.map((r) => [r.id, r]));
  for (const row of teamRows) Object.assign(row.confidence, confidenceByTeam.get(row.id) ?? {});
  for (let i = teamRows.length - 1; i >= 0; i--) {
    const row = teamRows[i]!;
    const parent = row.parentId ? rowById.get(row.parentId) : undefined;
    if (!parent) continue;
    for (const key of ["on_track", "at_risk", "off_track", "none"] as const) parent.confidence[key] += row.confidence[key];
  }

  const nowRows: KeyResultNow[] = moved.map((m) => ({
    id: m.id,
    objectiveId: m.objective_id,
    type: m.type,
    direction: m.direction,
    startValue: m.start_value,
    targetValue: m.target_value,
    confidence: m.confidence,
    weight: m.weight,
    progress: m.progress,
    isNew: m.is_new,
    moved: m.moved,
  }));
  const then = new Map<string, KeyResultThen>(moved.filter((m) => m.then_value !== null).map((m) => [m.id, { value: m.then_value!, confidence: m.then_confidence! }]));
  const siblingChanges = keyResultChanges(nowRows, then);
  const objChanges = objectiveChanges(nowRows, siblingChanges);
  const movedRows = moved.filter((m) => m.moved);
  const krChanges = siblingChanges.filter((_, i) => moved[i]!.moved);
  const objectiveTitle = new Map(objectives.map((o) => [o.id, o.title]));

  const overallProgress = teamId
    ? (rollups.get(teamId)?.progress.toNumber() ?? 0)
    : organizationProgress(objectives.map((o) => ({ teamId: o.teamId, progress: o.progress.toString(), isCounted: o.state === "active" || o.state === "done" }))).toNumber();

  const inScope = scope ? new Set(scope) : null;
  const objectiveTeam = new Map(objectives.map((o) => [o.id, o.teamId]));
  const focusInScope = inScope
    ? {
        ...focus,
        teams: focus.teams.filter((t) => inScope.has(t.teamId)),
        objectives: focus.objectives.filter((o) => inScope.has(objectiveTeam.get(o.objectiveId) ?? "")),
      }
    : focus;

  return {
    cycle,
    since,
    scope: teamId,
    overallProgress,
    focus: focusInScope,
    teams: teamRows.filter((t) => (t.objectiveCount > 0 || t.id === teamId) && t.depth <= teamDepth),
    hiddenTeamCount: teamRows.filter((t) => t.objectiveCount > 0 && t.depth > teamDepth).length,
    attention: { total: attentionCount[0]?.n ?? 0, items: attention.map(toItem) },
    stale: { total: staleCount[0]?.n ?? 0, items: stale.map(toItem) },
    changes: {
      summary: summarise(krChanges),
      objectives: objChanges
        .filter((c) => c.delta !== 0)
        .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
        .slice(0, 30)
        .map((c) => ({ ...c, title: objectiveTitle.get(c.objectiveId) ?? "" })),
      keyResults: krChanges
        .map((c, i) => ({ ...c, title: movedRows[i]!.title, objectiveTitle: objectiveTitle.get(c.objectiveId) ?? "", isNew: movedRows[i]!.is_new }))
        .filter((c) => c.delta !== 0 || c.confidenceTrend !== 0)
        .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.confidenceTrend - b.confidenceTrend)
        .slice(0, 50),
      targetChanges: targetChanges.map((t) => ({
        id: t.id,
        at: t.created_at,
        reason: t.reason,
        actorName: t.actor_name ?? "Keel",
        keyResultId: t.key_result_id,
        keyResultTitle: t.key_result_title,
        measure: { type: t.type, unit: t.unit },
        objectiveId: t.objective_id,
        objectiveTitle: t.objective_title,
        before: t.before as Record<string, string> | null,
        after: t.after as Record<string, string> | null,
      })),
      added: added.map((o) => ({ id: o.id, title: o.title, at: o.createdAt, teamName: o.team?.name ?? null, ownerName: o.owner.name })),
      abandoned: abandoned.map((o) => ({ id: o.id, title: o.title, at: o.created_at, reason: o.reason, actorName: o.actor_name ?? "Keel", teamName: o.team_name })),
    },
  };
}

export type ReviewData = Awaited<ReturnType<typeof loadReview>>;

/** Teams in tree order (parents before children, siblings by name), limited to a subtree when one is chosen. */
function orderTeams(teams: { id: string; name: string; parentId: string | null; archivedAt: Date | null }[], scope: Set<string> | null) {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string | null, typeof teams>();
  for (const t of teams) {
    const key = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(key, [...(children.get(key) ?? []), t]);
  }
  const out: { team: (typeof teams)[number]; depth: number }[] = [];
  const stack: { team: (typeof teams)[number]; depth: number }[] = [...(children.get(null) ?? [])].reverse().map((team) => ({ team, depth: 0 }));
  while (stack.length) {
    const next = stack.pop()!;
    if (!scope || scope.has(next.team.id)) out.push(next);
    for (const child of [...(children.get(next.team.id) ?? [])].reverse()) stack.push({ team: child, depth: next.depth + 1 });
  }
  if (scope) {
    const minDepth = Math.min(...out.map((o) => o.depth));
    return out.map((o) => ({ ...o, depth: o.depth - minDepth }));
  }
  return out;
}
