import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { FOCUS_COUNTED_STATES, type FocusLimits } from "@/lib/focus/limits";
import type { ObjectiveState } from "@/lib/generated/prisma/enums";
import type { OwnerTeam } from "./rules";

export interface QualitySettings {
  /** Rule ids the organisation switched off; ids no longer known are harmless (rules.ts ignores them). */
  disabledRules: string[];
  limits: FocusLimits;
}

/** What the coach needs to judge a form's objective as the organisation wants: the rules switched off and the focus limits. */
export async function getQualitySettings(orgId: string): Promise<QualitySettings> {
  const org = await db.organization.findUnique({
    where: { id: orgId },
    select: { disabledQualityRules: true, maxObjectivesPerTeam: true, maxKeyResultsPerObjective: true, maxKeyResultsPerPerson: true },
  });
  if (!org) throw notFound("That organisation");
  const { disabledQualityRules, ...limits } = org;
  return { disabledRules: disabledQualityRules, limits };
}

/** Each team's active and draft team objectives in a cycle, for the coach's focus rule in the new objective form. */
export async function countTeamObjectives(orgId: string, cycleId: string): Promise<Record<string, number>> {
  const rows = await db.objective.groupBy({
    by: ["teamId"],
    where: { organizationId: orgId, cycleId, level: "team", state: { in: [...FOCUS_COUNTED_STATES] as ObjectiveState[] }, teamId: { not: null } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.flatMap((r) => (r.teamId ? [[r.teamId, r._count._all] as const] : [])));
}

/** Everything the coach needs on an objective's page beyond what the page already read. */
export interface ObjectiveCoach extends QualitySettings {
  isAligned: boolean;
  /** Active and draft team objectives of each team in the objective's cycle. */
  teamObjectiveCounts: Record<string, number>;
  /** Where each of the objective's key results' owners works, seen from the objective's team. */
  ownerTeams: Record<string, OwnerTeam>;
}

/**
 * The coach's context for one objective, in one statement: the organisation's settings, the cycle's team objective
 * counts, and for each key result whether its owner is in the objective's team (or a team beneath it), only in other
 * teams, or in none. Unknown or another organisation's objective: not found.
 */
export async function loadObjectiveCoach(orgId: string, objectiveId: string): Promise<ObjectiveCoach> {
  const rows = await db.$queryRaw<{ payload: string }[]>`
    WITH RECURSIVE
    o AS (SELECT id, cycle_id, team_id, parent_objective_id, parent_key_result_id FROM objectives WHERE organization_id = ${orgId}::uuid AND id = ${objectiveId}::uuid),
    subtree AS (
      SELECT t.id FROM teams t JOIN o ON t.id = o.team_id WHERE t.organization_id = ${orgId}::uuid
      UNION ALL
      SELECT t.id FROM subtree JOIN teams t ON t.parent_id = subtree.id AND t.organization_id = ${orgId}::uuid)
    SELECT json_build_object(
      'disabledRules', org.disabled_quality_rules,
      'limits', json_build_object('maxObjectivesPerTeam', org.max_objectives_per_team, 'maxKeyResultsPerObjective', org.max_key_results_per_objective,
                                  'maxKeyResultsPerPerson', org.max_key_results_per_person),
      'isAligned', o.parent_objective_id IS NOT NULL OR o.parent_key_result_id IS NOT NULL,
      'teamObjectiveCounts', (SELECT coalesce(json_object_agg(c.team_id, c.n), '{}') FROM (
          SELECT team_id, count(*) AS n FROM objectives
           WHERE organization_id = ${orgId}::uuid AND cycle_id = o.cycle_id AND level = 'team' AND state IN ('active', 'draft') AND team_id IS NOT NULL
           GROUP BY team_id) c),
      'ownerTeams', (SELECT coalesce(json_object_agg(k.id, CASE
          WHEN EXISTS (SELECT 1 FROM team_memberships m JOIN subtree s ON s.id = m.team_id WHERE m.organization_id = ${orgId}::uuid AND m.user_id = k.owner_id) THEN 'objective_team'
          WHEN EXISTS (SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id AND t.archived_at IS NULL
                        WHERE m.organization_id = ${orgId}::uuid AND m.user_id = k.owner_id) THEN 'other_team'
          ELSE 'no_team' END), '{}')
        FROM key_results k WHERE k.organization_id = ${orgId}::uuid AND k.objective_id = o.id)
    )::text AS payload
    FROM o JOIN organizations org ON org.id = ${orgId}::uuid`;
  const row = rows[0];
  if (!row) throw notFound("That objective");
  return JSON.parse(row.payload) as ObjectiveCoach;
}
