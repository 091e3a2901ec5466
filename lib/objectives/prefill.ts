import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { parseAddress, type RawAddress } from "@/lib/http/address";
import { idSchema } from "@/lib/http/schemas";
import type { ObjectiveLevel } from "@/lib/generated/prisma/enums";

/** The new-objective page's address: where the person came from fills in the form. */
export const NEW_OBJECTIVE_PARAMS = {
  cycle: idSchema("cycle is not a cycle id"),
  team: idSchema("team is not a team id"),
  parentObjective: idSchema("parentObjective is not an objective id"),
  parentKeyResult: idSchema("parentKeyResult is not a key result id"),
  level: z.enum(["company", "team", "personal"], { error: "level must be company, team or personal" }),
} as const;

export interface ObjectivePrefill {
  /** The cycle the parent belongs to, when a parent was named and the address names no cycle. */
  parentCycleId: string | null;
  level: ObjectiveLevel | null;
  teamId: string | null;
  parent: { value: string; label: string } | null;
  problems: string[];
}

/**
 * Reads the prefill from the address. Ids are looked up inside the organisation: an unknown id, or one of another
 * organisation, is explained in `problems` and left out, the same words for both so nothing leaks.
 */
/** What is usually aligned beneath an objective of this level: teams under the company and under teams, people under people. */
export function levelBeneath(parent: ObjectiveLevel): ObjectiveLevel {
  return parent === "personal" ? "personal" : "team";
}

export async function resolveObjectivePrefill(orgId: string, raw: RawAddress): Promise<ObjectivePrefill & { cycleParam: string | null }> {
  const { values, problems } = parseAddress(NEW_OBJECTIVE_PARAMS, raw);
  const out: ObjectivePrefill & { cycleParam: string | null } = { parentCycleId: null, level: values.level ?? null, teamId: null, parent: null, problems, cycleParam: values.cycle ?? null };

  if (values.parentObjective && values.parentKeyResult) {
    problems.push("An objective aligns to an objective or to a key result, not both: the key result was used.");
  }
  const [team, parentKr, parentObjective] = await Promise.all([
    values.team ? db.team.findFirst({ where: { id: values.team, organizationId: orgId }, select: { id: true, name: true, archivedAt: true } }) : null,
    values.parentKeyResult
      ? db.keyResult.findFirst({ where: { id: values.parentKeyResult, organizationId: orgId }, select: { id: true, title: true, cycleId: true, objective: { select: { title: true, level: true } } } })
      : null,
    values.parentObjective && !values.parentKeyResult
      ? db.objective.findFirst({ where: { id: values.parentObjective, organizationId: orgId }, select: { id: true, title: true, cycleId: true, state: true, level: true } })
      : null,
  ]);

  if (values.team) {
    if (!team) problems.push("The team in the address was not found in this organisation: choose one below.");
    else if (team.archivedAt) problems.push(`${team.name} is archived: choose another team below.`);
    else {
      out.teamId = team.id;
      out.level ??= "team";
    }
  }
  if (values.parentKeyResult) {
    if (!parentKr) problems.push("The key result to align to was not found in this organisation: choose what this contributes to below.");
    else {
      out.parent = { value: `key_result:${parentKr.id}`, label: `↳ ${parentKr.title} (${parentKr.objective.title})` };
      out.parentCycleId = parentKr.cycleId;
      out.level ??= levelBeneath(parentKr.objective.level);
    }
  } else if (values.parentObjective) {
    if (!parentObjective) problems.push("The objective to align to was not found in this organisation: choose what this contributes to below.");
    else if (parentObjective.state === "abandoned") problems.push(`“${parentObjective.title}” was abandoned: choose something still pursued to align to.`);
    else {
      out.parent = { value: `objective:${parentObjective.id}`, label: parentObjective.title };
      out.parentCycleId = parentObjective.cycleId;
      out.level ??= levelBeneath(parentObjective.level);
    }
  }
  return out;
}
