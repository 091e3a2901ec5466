import type { Metadata } from "next";
import Link from "next/link";
import { CreateTeamForm } from "@/components/teams/create-team-form";
import { TeamTree, type TeamTreeViewNode } from "@/components/teams/team-tree";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { firstParam, type SearchParams } from "@/lib/http/page";
import { can } from "@/lib/permissions";
import { listTeamTree, type TeamTree as Tree } from "@/lib/teams/queries";
import { flattenTeamTree } from "@/lib/teams/tree";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Teams" };

function toView(nodes: Tree): TeamTreeViewNode[] {
  return nodes.map((n) => ({
    id: n.id,
    name: n.name,
    isArchived: n.isArchived,
    memberCount: n.memberCount,
    leads: n.leads.map((l) => l.name),
    children: toView(n.children),
  }));
}

export default async function TeamsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const params = await searchParams;
  const showArchived = firstParam(params.archived) === "1";
  const cycle = firstParam(params.cycle);
  const tree = await listTeamTree(actor.orgId, { includeArchived: showArchived });
  const canManage = can(actor, "team.manage");

  const toggle = new URLSearchParams();
  if (cycle) toggle.set("cycle", cycle);
  if (!showArchived) toggle.set("archived", "1");
  const toggleHref = `/teams${toggle.size ? `?${toggle.toString()}` : ""}`;
  // Parents offered for a new team: live teams only, whether or not archived ones are on show.
  const parents = flattenTeamTree(tree)
    .filter((t) => !t.isArchived)
    .map((t) => ({ id: t.id, name: t.name, depth: t.depth }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Teams</h1>
        <Link
          href={toggleHref}
          className={buttonClass("secondary", "sm")}
        >
          {showArchived ? "Hide archived teams" : "Show archived teams"}
        </Link>
      </div>
      {tree.length === 0 ? (
        <EmptyState title="No teams yet">{canManage ? "Create the first team below: a department, or a team inside one." : "An admin has not set up any teams yet."}</EmptyState>
      ) : (
        <TeamTree nodes={toView(tree)} query={cycle ? `?cycle=${encodeURIComponent(cycle)}` : ""} />
      )}
      {canManage ? <CreateTeamForm parents={parents} /> : null}
    </div>
  );
}
