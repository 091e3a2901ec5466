import "server-only";
import { db } from "@/lib/db/prisma";
import type { ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";
import { selectCycle } from "@/lib/cycles/queries";
import { likePattern, type SearchQuery } from "./schemas";

export interface SearchResults {
  cycle: { id: string; name: string } | null;
  objectives: { id: string; title: string; level: ObjectiveLevel; teamName: string | null; state: ObjectiveState }[];
  keyResults: { id: string; title: string; objectiveId: string; objectiveTitle: string }[];
  teams: { id: string; name: string }[];
  people: { id: string; name: string; email: string }[];
}

/**
 * The command menu's search: objectives and key results of one cycle, teams and people of the organisation, each
 * list up to `limit`. Every query puts the organisation in its WHERE. Titles are matched with ILIKE '%term%',
 * served by the trigram indexes on the title columns (three characters or more) within the organisation and cycle;
 * titles that start with the term come first, then shorter ones, which are usually the closer match.
 */
export async function searchOrganization(orgId: string, query: SearchQuery): Promise<SearchResults> {
  // An unknown or foreign cycle id is not found (404), like every other id from outside.
  const cycle = await selectCycle(orgId, query.cycleId);
  const { contains, prefix } = likePattern(query.q);
  const limit = query.limit;
  const [objectives, keyResults, teams, people] = await Promise.all([
    cycle
      ? db.$queryRaw<{ id: string; title: string; level: ObjectiveLevel; team_name: string | null; state: ObjectiveState }[]>`
          SELECT o.id::text, o.title, o.level::text, t.name AS team_name, o.state::text
          FROM objectives o LEFT JOIN teams t ON t.id = o.team_id AND t.organization_id = o.organization_id
          WHERE o.organization_id = ${orgId}::uuid AND o.cycle_id = ${cycle.id}::uuid AND o.title ILIKE ${contains}
          ORDER BY (o.state = 'abandoned'), (o.title ILIKE ${prefix}) DESC, length(o.title), o.title
          LIMIT ${limit}`
      : [],
    cycle
      ? db.$queryRaw<{ id: string; title: string; objective_id: string; objective_title: string }[]>`
          SELECT k.id::text, k.title, o.id::text AS objective_id, o.title AS objective_title
          FROM key_results k JOIN objectives o ON o.id = k.objective_id AND o.organization_id = k.organization_id
          WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycle.id}::uuid AND k.title ILIKE ${contains}
          ORDER BY (o.state = 'abandoned'), (k.title ILIKE ${prefix}) DESC, length(k.title), k.title
          LIMIT ${limit}`
      : [],
    db.$queryRaw<{ id: string; name: string }[]>`
      SELECT t.id::text, t.name FROM teams t
      WHERE t.organization_id = ${orgId}::uuid AND t.archived_at IS NULL AND t.name ILIKE ${contains}
      ORDER BY (t.name ILIKE ${prefix}) DESC, length(t.name), t.name
      LIMIT ${limit}`,
    db.$queryRaw<{ id: string; name: string; email: string }[]>`
      SELECT u.id::text, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.organization_id = ${orgId}::uuid AND (u.name ILIKE ${contains} OR u.email ILIKE ${contains})
      ORDER BY (u.name ILIKE ${prefix}) DESC, length(u.name), u.name
      LIMIT ${limit}`,
  ]);
  return {
    cycle: cycle ? { id: cycle.id, name: cycle.name } : null,
    objectives: objectives.map((o) => ({ id: o.id, title: o.title, level: o.level, teamName: o.team_name, state: o.state })),
    keyResults: keyResults.map((k) => ({ id: k.id, title: k.title, objectiveId: k.objective_id, objectiveTitle: k.objective_title })),
    teams,
    people,
  };
}
