import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddTeamMemberForm } from "@/components/teams/add-team-member-form";
import { MoveTeamForm, RenameTeamForm } from "@/components/teams/manage-team-forms";
import { ActionButton } from "@/components/ui/action-button";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ObjectiveMoveControls } from "@/components/objectives/objective-move-controls";
import { ObjectiveRow } from "@/components/objectives/objective-row";
import { requirePageActor } from "@/lib/auth/session";
import { firstParam, loadOr404, pageCycle, type SearchParams } from "@/lib/http/page";
import { can, hasGrant } from "@/lib/permissions";
import { findTeamName, getTeamPage, listTeamOptions } from "@/lib/teams/queries";
import { subtreeIds } from "@/lib/teams/tree";
import { archiveTeamAction, removeTeamMemberAction, setTeamMemberRoleAction, unarchiveTeamAction } from "../actions";
import { cardClass, CardSection } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { IdSchema } from "@/lib/http/schemas";
import { isoDate, localDate } from "@/lib/dates/week";
import { teamInitiativeTally } from "@/lib/initiatives/queries";
import { describeTally } from "@/lib/initiatives/tally";

type Params = Promise<{ id: string }>;

const TeamIdSchema = IdSchema;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  if (!TeamIdSchema.safeParse(id).success) return { title: "Team not found" };
  const actor = await requirePageActor();
  return { title: (await findTeamName(actor.orgId, id)) ?? "Team not found" };
}

export default async function TeamPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const { id } = await params;
  if (!TeamIdSchema.safeParse(id).success) notFound();
  const cycle = await pageCycle(actor, searchParams);
  const canManage = can(actor, "team.manage");
  const today = isoDate(localDate(new Date(), actor.timeZone));
  const [{ team, path, subTeams, members, objectives }, teamOptions, initiatives] = await Promise.all([
    loadOr404(() => getTeamPage(actor.orgId, id, cycle?.id ?? null)),
    canManage ? listTeamOptions(actor.orgId) : Promise.resolve([]),
    cycle ? teamInitiativeTally(actor.orgId, id, cycle.id, today) : Promise.resolve(null),
  ]);
  const canManageMembers = !team.isArchived && can(actor, "team.members.manage", { teamId: team.id });
  const excluded = subtreeIds(teamOptions, team.id);
  const parents = teamOptions.filter((t) => !excluded.has(t.id));
  const requestedCycle = firstParam((await searchParams).cycle);
  const cycleQuery = requestedCycle ? `?cycle=${encodeURIComponent(requestedCycle)}` : "";
  // The list shows the team's objectives, then its members' personal ones, each in planned order; an objective moves
  // only among its own kind, so its buttons depend on the rows of the same level around it.
  const canReorder = cycle !== null && cycle.state !== "closed" && !team.isArchived;
  const ordering = objectives.map((o, i) => ({
    canMove: canReorder && can(actor, "objective.update", { ownerIds: [o.owner.id], teamId: o.team?.id ?? null }),
    canMoveUp: objectives[i - 1]?.level === o.level,
    canMoveDown: objectives[i + 1]?.level === o.level,
  }));
  const showsMoveColumn = ordering.some((m) => m.canMove && (m.canMoveUp || m.canMoveDown));

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <nav aria-label="Breadcrumb">
          <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-700">
            <li>
              <Link href={`/teams${cycleQuery}`} className="hover:text-slate-900 hover:underline">
                Teams
              </Link>
            </li>
            {path.map((p) => (
              <li key={p.id} className="flex items-center gap-1">
                <span aria-hidden>/</span>
                <Link href={`/teams/${p.id}${cycleQuery}`} className="hover:text-slate-900 hover:underline">
                  {p.name}
                </Link>
              </li>
            ))}
            <li className="flex items-center gap-1">
              <span aria-hidden>/</span>
              <span aria-current="page" className="font-medium text-slate-900">
                {team.name}
              </span>
            </li>
          </ol>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold">{team.name}</h1>
          {team.isArchived ? <Badge>Archived</Badge> : null}
          <Link href={`/teams/${team.id}/check-ins${cycleQuery}`} className={`ml-auto ${buttonClass("secondary", "sm")}`}>
            Check-ins
          </Link>
        </div>
        {team.isArchived ? (
          <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
            This team is archived. Its members, objectives and history are kept{canManage ? "; unarchive it to make changes" : ""}.
          </p>
        ) : null}
      </div>

      <section aria-labelledby="objectives-heading" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="objectives-heading" className="text-base font-semibold">
            {cycle ? `Objectives in ${cycle.name}` : "Objectives"}
          </h2>
          {cycle && cycle.state !== "closed" && !team.isArchived && hasGrant(actor, "objective.create") ? (
            <Link href={`/objectives/new?team=${team.id}&level=team&cycle=${cycle.id}`} className={buttonClass("secondary", "sm")}>
              New objective for {team.name}
            </Link>
          ) : null}
        </div>
        {initiatives && initiatives.total > 0 ? (
          <p className="text-sm text-slate-700" data-testid="team-initiatives">
            {describeTally(initiatives)}
            {initiatives.done ? ` · ${initiatives.done} done` : ""} under these objectives
          </p>
        ) : null}
        {!cycle ? (
          <EmptyState title="No cycle yet">Objectives belong to a cycle; there is none to show.</EmptyState>
        ) : objectives.length === 0 ? (
          <EmptyState title={`${team.name} has no objectives in ${cycle.name}`} />
        ) : (
          <ul className={`divide-y divide-slate-100 overflow-hidden ${cardClass}`}>
            {objectives.map((o, i) => {
              const m = ordering[i]!;
              return (
                <ObjectiveRow
                  key={o.id}
                  objective={o}
                  testId="team-objective"
                  showAlignment={false}
                  controls={
                    showsMoveColumn ? (
                      <ObjectiveMoveControls objectiveId={o.id} title={o.title} canMoveUp={m.canMove && m.canMoveUp} canMoveDown={m.canMove && m.canMoveDown} />
                    ) : undefined
                  }
                />
              );
            })}
          </ul>
        )}
      </section>

      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="members-heading" className="space-y-3">
          <h2 id="members-heading" className="text-base font-semibold">
            Members ({members.length})
          </h2>
          {members.length === 0 ? (
            <p className="text-sm text-slate-700">Nobody is in this team yet.</p>
          ) : (
            <ul className={`divide-y divide-slate-100 ${cardClass}`}>
              {members.map((m) => (
                <li key={m.userId} data-testid="team-member" className="flex flex-wrap items-center gap-3 px-4 py-2.5">
                  <div className="min-w-40 flex-1">
                    <p className="font-medium text-slate-900">{m.name}</p>
                    <p className="text-xs text-slate-600">{m.email}</p>
                  </div>
                  {m.role === "lead" ? (
                    <Badge tone="brand">Lead</Badge>
                  ) : (
                    <span className="text-xs font-medium text-slate-700">Member</span>
                  )}
                  {canManageMembers ? (
                    <div className="flex gap-2">
                      <ActionButton
                        action={setTeamMemberRoleAction}
                        fields={{ teamId: team.id, userId: m.userId, role: m.role === "lead" ? "member" : "lead" }}
                        label={m.role === "lead" ? "Make member" : "Make lead"}
                        accessibleLabel={m.role === "lead" ? `Make member: ${m.name}` : `Make lead: ${m.name}`}
                      />
                      <ActionButton
                        action={removeTeamMemberAction}
                        fields={{ teamId: team.id, userId: m.userId }}
                        label="Remove"
                        variant="ghost"
                        accessibleLabel={`Remove ${m.name} from ${team.name}`}
                        confirm={{ title: `Remove ${m.name} from ${team.name}?`, description: "They stop seeing this team's check-ins as a member; their objectives and history stay.", confirmLabel: "Remove from team" }}
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canManageMembers ? <AddTeamMemberForm teamId={team.id} /> : null}
        </section>

        <section aria-labelledby="sub-teams-heading" className="space-y-3">
          <h2 id="sub-teams-heading" className="text-base font-semibold">
            Sub-teams ({subTeams.length})
          </h2>
          {subTeams.length === 0 ? (
            <p className="text-sm text-slate-700">No teams sit under {team.name}.</p>
          ) : (
            <ul className={`divide-y divide-slate-100 ${cardClass}`}>
              {subTeams.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center gap-3 px-4 py-2.5">
                  <Link href={`/teams/${t.id}${cycleQuery}`} className="flex-1 font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {t.name}
                  </Link>
                  {t.isArchived ? <Badge>Archived</Badge> : null}
                  <span className="text-xs text-slate-600">
                    {t.memberCount} member{t.memberCount === 1 ? "" : "s"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {canManage ? (
        <CardSection aria-labelledby="manage-heading" className="space-y-4">
          <h2 id="manage-heading" className="text-base font-semibold">
            Manage team
          </h2>
          {team.isArchived ? (
            <ActionButton action={unarchiveTeamAction} fields={{ teamId: team.id }} label="Unarchive team" />
          ) : (
            <>
              <RenameTeamForm teamId={team.id} name={team.name} />
              <MoveTeamForm teamId={team.id} parentId={team.parentId} parents={parents} />
              <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
                <ActionButton
                  action={archiveTeamAction}
                  fields={{ teamId: team.id }}
                  label="Archive team"
                  variant="danger"
                  confirm={{ title: `Archive ${team.name}?`, description: "It leaves the tree; its members, objectives and history are kept. You can unarchive it later." }}
                />
                <p className="text-sm text-slate-700">A team with sub-teams that are not archived cannot be archived.</p>
              </div>
            </>
          )}
        </CardSection>
      ) : null}
    </div>
  );
}
