import "server-only";
import { db } from "@/lib/db/prisma";
import type { ReadDb } from "@/lib/db/read";
import { notFound } from "@/lib/errors";
import { warningsFromCounts, type FocusLimits, type FocusWarnings } from "./limits";

const LIMIT_FIELDS = { maxObjectivesPerTeam: true, maxKeyResultsPerObjective: true, maxKeyResultsPerPerson: true } as const;

export async function getOrganizationSettings(orgId: string) {
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, slug: true, ...LIMIT_FIELDS } });
  if (!org) throw notFound("That organisation");
  return org;
}

interface CountRow {
  id: string;
  label: string;
  count: bigint;
}

/**
 * The cycle's focus warnings in one round of grouped queries: each counts in the database and returns only the
 * rows over the organisation's limit (with a name to show), so a cycle of 60,000 key results sends back a few rows.
 */
export async function loadFocusWarnings(orgId: string, cycleId: string, client: Pick<ReadDb, "$queryRaw" | "organization"> = db): Promise<FocusWarnings> {
  const [org, teams, objectives, people] = await Promise.all([
    client.organization.findUnique({ where: { id: orgId }, select: LIMIT_FIELDS }),
    client.$queryRaw<CountRow[]>`
      SELECT t.id::text AS id, t.name AS label, count(*) AS count
      FROM objectives o JOIN teams t ON t.id = o.team_id AND t.organization_id = ${orgId}::uuid
      WHERE o.organization_id = ${orgId}::uuid AND o.cycle_id = ${cycleId}::uuid
        AND o.state IN ('active', 'draft') AND o.level <> 'personal'
      GROUP BY t.id, t.name
      HAVING count(*) > (SELECT max_objectives_per_team FROM organizations WHERE id = ${orgId}::uuid)`,
    client.$queryRaw<CountRow[]>`
      SELECT o.id::text AS id, o.title AS label, count(*) AS count
      FROM key_results k JOIN objectives o ON o.id = k.objective_id AND o.organization_id = ${orgId}::uuid
      WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycleId}::uuid AND o.state IN ('active', 'draft')
      GROUP BY o.id, o.title
      HAVING count(*) > (SELECT max_key_results_per_objective FROM organizations WHERE id = ${orgId}::uuid)`,
    client.$queryRaw<CountRow[]>`
      SELECT u.id::text AS id, u.name AS label, count(*) AS count
      FROM key_results k
      JOIN objectives o ON o.id = k.objective_id AND o.organization_id = ${orgId}::uuid
      JOIN users u ON u.id = k.owner_id
      WHERE k.organization_id = ${orgId}::uuid AND k.cycle_id = ${cycleId}::uuid AND o.state IN ('active', 'draft')
      GROUP BY u.id, u.name
      HAVING count(*) > (SELECT max_key_results_per_person FROM organizations WHERE id = ${orgId}::uuid)`,
  ]);
  if (!org) throw notFound("That organisation");
  const limits: FocusLimits = org;
  const asCounts = (rows: CountRow[]) => rows.map((r) => [r.id, Number(r.count)] as const);
  const label = (rows: CountRow[]) => new Map(rows.map((r) => [r.id, r.label]));
  const warnings = warningsFromCounts({ limits, teams: asCounts(teams), objectives: asCounts(objectives), people: asCounts(people) });
  const teamNames = label(teams);
  const titles = label(objectives);
  const names = label(people);
  return {
    limits,
    teams: warnings.teams.map((t) => ({ ...t, name: teamNames.get(t.teamId) })),
    objectives: warnings.objectives.map((o) => ({ ...o, title: titles.get(o.objectiveId) })),
    people: warnings.people.map((p) => ({ ...p, name: names.get(p.userId) })),
  };
}
