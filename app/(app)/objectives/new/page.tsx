import type { Metadata } from "next";
import Link from "next/link";
import { ObjectiveForm } from "@/components/objectives/objective-form";
import { AddressProblems } from "@/components/ui/address-problems";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { selectCycle, type CycleSummary } from "@/lib/cycles/queries";
import { AppError } from "@/lib/errors";
import type { SearchParams } from "@/lib/http/page";
import { resolveObjectivePrefill } from "@/lib/objectives/prefill";
import { homeTeamId, listTeamOptions } from "@/lib/objectives/queries";
import { can, hasGrant } from "@/lib/permissions";
import { countTeamObjectives, getQualitySettings } from "@/lib/quality/queries";

export const metadata: Metadata = { title: "New objective" };

/** The cycle named in the address if it is this organisation's, else the parent's, else the one every page shows. */
async function chooseCycle(orgId: string, cycleParam: string | null, parentCycleId: string | null, problems: string[]): Promise<CycleSummary | null> {
  if (cycleParam) {
    try {
      return await selectCycle(orgId, cycleParam);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      problems.push("The cycle in the address was not found in this organisation: the current cycle is used.");
    }
  }
  return selectCycle(orgId, parentCycleId ?? undefined);
}

export default async function NewObjectivePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  if (!hasGrant(actor, "objective.create")) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">New objective</h1>
        <EmptyState title="Viewers cannot create objectives">Ask an admin for a member role to plan objectives.</EmptyState>
      </div>
    );
  }
  const prefill = await resolveObjectivePrefill(actor.orgId, await searchParams);
  const problems = prefill.problems;
  const cycle = await chooseCycle(actor.orgId, prefill.cycleParam, prefill.parentCycleId, problems);
  if (!cycle || cycle.state === "closed") {
    return (
      <EmptyState title={cycle ? `${cycle.name} is closed` : "No cycle yet"}>
        Objectives are planned in an open cycle. <Link className="font-medium text-brand-700 underline" href="/cycles">See the cycles</Link>.
      </EmptyState>
    );
  }
  let parent = prefill.parent;
  if (parent && prefill.parentCycleId !== cycle.id) {
    problems.push(`What the address aligns to is not in ${cycle.name}: choose what this contributes to below.`);
    parent = null;
  }
  const canCreateCompany = can(actor, "objective.create_company");
  let level = prefill.level;
  if (level === "company" && !canCreateCompany) {
    problems.push("Only admins can create company objectives: choose team or personal.");
    level = null;
  }
  const [teams, homeTeam, quality, teamObjectiveCounts] = await Promise.all([
    listTeamOptions(actor.orgId),
    homeTeamId(actor.orgId, actor.userId),
    getQualitySettings(actor.orgId),
    countTeamObjectives(actor.orgId, cycle.id),
  ]);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">New objective</h1>
      <AddressProblems problems={problems} title="Some of the address could not be used:" />
      <ObjectiveForm
        cycleId={cycle.id}
        cycleName={cycle.name}
        teams={teams}
        me={{ id: actor.userId, name: actor.name }}
        canCreateCompany={canCreateCompany}
        initial={{ level, teamId: prefill.teamId ?? homeTeam, parent }}
        coach={{ disabledRules: quality.disabledRules, limits: quality.limits, teamObjectiveCounts }}
      />
    </div>
  );
}
