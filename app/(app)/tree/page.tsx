import type { Metadata } from "next";
import Link from "next/link";
import { AlignmentTree } from "@/components/tree/alignment-tree";
import { AddressProblems } from "@/components/ui/address-problems";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { isMember } from "@/lib/members/queries";
import { pageCycle, type SearchParams } from "@/lib/http/page";
import { listTeamOptions } from "@/lib/objectives/queries";
import { hasGrant } from "@/lib/permissions";
import { parseTreeParams } from "@/lib/tree/params";
import { loadTreePreview } from "@/lib/tree/queries";

export const metadata: Metadata = { title: "Alignment" };

export default async function TreePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const cycle = await pageCycle(actor, searchParams);
  if (!cycle) return <EmptyState title="No cycle yet">Create a cycle to plan objectives.</EmptyState>;
  const { values, problems } = parseTreeParams(await searchParams);

  const [teams, owner, preview] = await Promise.all([
    listTeamOptions(actor.orgId),
    values.owner ? isMember(actor.orgId, values.owner) : false,
    loadTreePreview(actor.orgId, cycle.id),
  ]);
  const teamId = values.team && teams.some((t) => t.id === values.team) ? values.team : null;
  if (values.team && !teamId) problems.push("No team with that id in this organisation: showing every team.");
  const ownerId = owner && values.owner ? values.owner : null;
  if (values.owner && !ownerId) problems.push("No member with that id in this organisation: showing every owner.");

  const dataUrl = `/api/v1/cycles/${cycle.id}/tree`;

  return (
    <div className="space-y-4">
      {/* In the HTML itself (React hoists it into the head), so the download starts before the page's scripts. */}
      <link rel="preload" href={dataUrl} as="fetch" crossOrigin="anonymous" />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Alignment · {cycle.name}</h1>
        <p className="text-sm text-slate-700">
          From company objectives down to team and personal ones. <Link className="font-medium text-brand-700 underline" href={`/review?cycle=${cycle.id}`}>Open the review</Link>
        </p>
      </div>
      <AddressProblems problems={problems} title="Some filters in the address were ignored:" />
      <AlignmentTree
        dataUrl={dataUrl}
        teams={teams}
        preview={preview}
        canAlignNew={cycle.state !== "closed" && hasGrant(actor, "objective.create")}
        initial={{
          q: values.q ?? "",
          teamId,
          ownerId,
          state: values.state ?? null,
          confidence: values.confidence ?? null,
          colour: values.colour ?? "progress",
          level: values.level ?? null,
          selected: values.selected ?? null,
        }}
      />
    </div>
  );
}
