import type { Metadata } from "next";
import Link from "next/link";
import { ObjectiveForm } from "@/components/objectives/objective-form";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { pageCycle, type SearchParams } from "@/lib/http/page";
import { homeTeamId, listTeamOptions } from "@/lib/objectives/queries";
import { can, hasGrant } from "@/lib/permissions";

export const metadata: Metadata = { title: "New objective" };

export default async function NewObjectivePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const cycle = await pageCycle(actor, searchParams);
  if (!hasGrant(actor, "objective.create")) {
    return <EmptyState title="Viewers cannot create objectives">Ask an admin for a member role to plan objectives.</EmptyState>;
  }
  if (!cycle || cycle.state === "closed") {
    return (
      <EmptyState title={cycle ? `${cycle.name} is closed` : "No cycle yet"}>
        Objectives are planned in an open cycle. <Link className="font-medium text-brand-700 underline" href="/cycles">See the cycles</Link>.
      </EmptyState>
    );
  }
  const [teams, defaultTeamId] = await Promise.all([listTeamOptions(actor.orgId), homeTeamId(actor.orgId, actor.userId)]);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">New objective</h1>
      <ObjectiveForm
        cycleId={cycle.id}
        cycleName={cycle.name}
        teams={teams}
        me={{ id: actor.userId, name: actor.name }}
        canCreateCompany={can(actor, "objective.create_company")}
        defaultTeamId={defaultTeamId}
      />
    </div>
  );
}
