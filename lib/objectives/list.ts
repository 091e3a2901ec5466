import "server-only";
import { statement } from "@/lib/db/batch";
import { pool } from "@/lib/db/pool";
import { db } from "@/lib/db/prisma";
import { firstRunGuide, type FirstRunGuide } from "@/lib/organizations/first-run";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Confidence, ObjectiveKind, ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";

export interface ObjectiveListItem {
  id: string;
  title: string;
  level: ObjectiveLevel;
  state: ObjectiveState;
  kind: ObjectiveKind;
  progress: number;
  team: { id: string; name: string } | null;
  owner: { id: string; name: string };
  keyResultCount: number;
  /** The most worrying confidence among its key results: what a reader should notice first. */
  confidence: Confidence | null;
  isAligned: boolean;
}

const SEVERITY: Record<Confidence, number> = { on_track: 0, at_risk: 1, off_track: 2 };

/** Above this many objectives the home page shows the ones closest to the person, not the whole cycle. */
export const HOME_LIST_LIMIT = 150;

/** The cycle's objectives (optionally narrowed): company first, then by team, in planned order. One query. */
export async function listCycleObjectives(orgId: string, cycleId: string, narrow: Prisma.ObjectiveWhereInput = {}): Promise<ObjectiveListItem[]> {
  const rows = await db.objective.findMany({
    where: { ...narrow, organizationId: orgId, cycleId },
    select: {
      id: true,
      title: true,
      level: true,
      state: true,
      kind: true,
      progress: true,
      parentObjectiveId: true,
      parentKeyResultId: true,
      team: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true } },
      keyResults: { select: { confidence: true } },
    },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  const levelOrder: Record<ObjectiveLevel, number> = { company: 0, team: 1, personal: 2 };
  return rows
    .map((o) => ({
      id: o.id,
      title: o.title,
      level: o.level,
      state: o.state,
      kind: o.kind,
      progress: Number(o.progress),
      team: o.team,
      owner: o.owner,
      keyResultCount: o.keyResults.length,
      confidence: o.keyResults.reduce<Confidence | null>(
        (worst, kr) => (kr.confidence && (!worst || SEVERITY[kr.confidence] > SEVERITY[worst]) ? kr.confidence : worst),
        null,
      ),
      isAligned: Boolean(o.parentObjectiveId || o.parentKeyResultId),
    }))
    .sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);
}

/**
 * The home page's data in one statement: the first-run guide's facts (lib/organizations/first-run.ts), and for a cycle
 * its size, its progress (cycleProgress) and the objectives listHomeObjectives would list, in the same order. Each
 * branch of `shown` is gated by the cycle's size, so Postgres reads only the objectives shown, through their indexes.
 * $1 organisation, $2 cycle (or null), $3 person, $4 HOME_LIST_LIMIT.
 */
const HOME_SQL = `
  WITH counted AS (
    SELECT count(*)::int AS total, avg(progress) FILTER (WHERE state IN ('active', 'done'))::text AS progress
      FROM objectives WHERE organization_id = $1::uuid AND cycle_id = $2::uuid),
  shown AS (
    SELECT id FROM objectives WHERE organization_id = $1::uuid AND cycle_id = $2::uuid AND (SELECT total FROM counted) <= $4::int
    UNION
    SELECT id FROM objectives WHERE organization_id = $1::uuid AND cycle_id = $2::uuid AND level = 'company' AND (SELECT total FROM counted) > $4::int
    UNION
    SELECT id FROM objectives WHERE organization_id = $1::uuid AND cycle_id = $2::uuid AND owner_id = $3::uuid AND (SELECT total FROM counted) > $4::int
    UNION
    SELECT o.id FROM team_memberships m JOIN objectives o ON o.organization_id = $1::uuid AND o.cycle_id = $2::uuid AND o.team_id = m.team_id
     WHERE m.organization_id = $1::uuid AND m.user_id = $3::uuid AND (SELECT total FROM counted) > $4::int)
  SELECT json_build_object(
    'guide', json_build_object(
      'isDismissed', EXISTS (SELECT 1 FROM memberships WHERE organization_id = $1::uuid AND user_id = $3::uuid AND guide_dismissed_at IS NOT NULL),
      'hasCycle', EXISTS (SELECT 1 FROM cycles WHERE organization_id = $1::uuid),
      'hasSomeoneElse', EXISTS (SELECT 1 FROM memberships WHERE organization_id = $1::uuid AND user_id <> $3::uuid)
                        OR EXISTS (SELECT 1 FROM invitations WHERE organization_id = $1::uuid),
      'hasTeam', EXISTS (SELECT 1 FROM teams WHERE organization_id = $1::uuid),
      'hasObjective', EXISTS (SELECT 1 FROM objectives WHERE organization_id = $1::uuid)),
    'total', (SELECT total FROM counted),
    'progress', (SELECT progress FROM counted),
    'objectives', (SELECT coalesce(json_agg(json_build_object(
        'id', o.id, 'title', o.title, 'level', o.level, 'state', o.state, 'kind', o.kind, 'progress', o.progress::text,
        'team', (SELECT json_build_object('id', t.id, 'name', t.name) FROM teams t WHERE t.id = o.team_id),
        'owner', (SELECT json_build_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = o.owner_id),
        'isAligned', o.parent_objective_id IS NOT NULL OR o.parent_key_result_id IS NOT NULL,
        'confidences', (SELECT coalesce(json_agg(k.confidence), '[]') FROM key_results k WHERE k.organization_id = $1::uuid AND k.objective_id = o.id)
      ) ORDER BY o.position, o.created_at), '[]')
      -- Row by row through the primary keys: planned ahead of the cycle's size, a join would hash all its objectives.
      FROM shown CROSS JOIN LATERAL (SELECT * FROM objectives WHERE id = shown.id OFFSET 0) o)
  ) AS home`;

interface HomeRow {
  guide: { isDismissed: boolean; hasCycle: boolean; hasSomeoneElse: boolean; hasTeam: boolean; hasObjective: boolean };
  total: number;
  progress: string | null;
  objectives: (Omit<ObjectiveListItem, "progress" | "keyResultCount" | "confidence"> & { progress: string; confidences: (Confidence | null)[] })[];
}

export interface HomeData {
  guide: FirstRunGuide;
  /** Null without a cycle to show. */
  cycle: { total: number; items: ObjectiveListItem[]; isPartial: boolean; progress: number } | null;
}

/** What the home page shows, in one round trip: the guide, and the cycle's objectives and progress when there is a cycle. */
export async function loadHome(orgId: string, cycleId: string | null, userId: string, limit = HOME_LIST_LIMIT): Promise<HomeData> {
  const read = statement(HOME_SQL, [orgId, cycleId, userId, limit], "keel-home");
  const { rows } = await pool.query<{ home: HomeRow }>({ ...read, values: [...read.values] });
  const home = rows[0]!.home;
  const guide = firstRunGuide(home.guide);
  if (!cycleId) return { guide, cycle: null };
  const levelOrder: Record<ObjectiveLevel, number> = { company: 0, team: 1, personal: 2 };
  const items = home.objectives
    .map(({ confidences, ...o }) => ({
      ...o,
      progress: Number(o.progress),
      keyResultCount: confidences.length,
      confidence: worstConfidence(confidences),
    }))
    .sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);
  return { guide, cycle: { total: home.total, items, isPartial: home.total > limit, progress: Number(home.progress ?? 0) } };
}

function worstConfidence(confidences: readonly (Confidence | null)[]): Confidence | null {
  return confidences.reduce<Confidence | null>((worst, c) => (c && (!worst || SEVERITY[c] > SEVERITY[worst]) ? c : worst), null);
}
