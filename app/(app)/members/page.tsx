import type { Metadata } from "next";
import Link from "next/link";
import { InviteForm } from "@/components/members/invite-form";
import { MemberRoleForm } from "@/components/members/member-role-form";
import { ActionButton } from "@/components/ui/action-button";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { requirePageActor } from "@/lib/auth/session";
import { firstParam, type SearchParams } from "@/lib/http/page";
import { formatDate } from "@/lib/format";
import { listPendingInvitations } from "@/lib/invitations/queries";
import { countMembers, listMembers, listTeamsOfMembers } from "@/lib/members/queries";
import { MembersPageParamsSchema, ROLE_LABEL, ROLES, type RoleName } from "@/lib/members/schemas";
import { can } from "@/lib/permissions";
import { removeMemberAction, revokeInvitationAction } from "./actions";
import { Card, cardClass } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader } from "@/components/ui/table";

export const metadata: Metadata = { title: "People" };

const PAGE_SIZE = 50;

export default async function MembersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const raw = await searchParams;
  const rawQuery = firstParam(raw.q) ?? "";
  const q = MembersPageParamsSchema.shape.q.safeParse(firstParam(raw.q));
  // A broken page link (a cursor that is not one) starts again from the first page rather than failing.
  const cursor = MembersPageParamsSchema.shape.cursor.safeParse(firstParam(raw.cursor));
  const searchError = q.success ? null : (q.error.issues[0]?.message ?? "Check the search");
  const params = { q: q.success ? q.data : undefined, cursor: cursor.success ? cursor.data : undefined };

  const canInvite = can(actor, "member.invite");
  const canChangeRoles = can(actor, "member.update");
  const canRemove = can(actor, "member.remove");
  const canGrantOwner = can(actor, "member.grant_owner");

  const page = await listMembers(actor.orgId, { q: params.q, cursor: params.cursor, limit: PAGE_SIZE });
  const [teams, total, pending] = await Promise.all([
    listTeamsOfMembers(actor.orgId, page.data.map((m) => m.user.id)),
    countMembers(actor.orgId),
    canInvite ? listPendingInvitations(actor.orgId) : null,
  ]);
  const assignable: RoleName[] = ROLES.filter((r) => r !== "owner" || canGrantOwner);
  const mayManage = (role: RoleName) => role !== "owner" || canGrantOwner;
  const pageHref = (cursor?: string) => {
    const search = new URLSearchParams();
    if (params.q) search.set("q", params.q);
    if (cursor) search.set("cursor", cursor);
    const text = search.toString();
    return text ? `/members?${text}` : "/members";
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">People</h1>
        <p className="text-sm text-slate-700">
          {total} {total === 1 ? "person" : "people"} in {actor.orgName}
        </p>
      </div>

      {canInvite ? <InviteForm roles={assignable} /> : null}

      {pending ? (
        <details open={pending.invitations.length <= 5} className="space-y-2">
          <summary className="cursor-pointer rounded-md text-base font-semibold text-slate-900">
            <h2 className="inline">Pending invitations ({pending.hasMore ? "200+" : pending.invitations.length})</h2>
          </summary>
          {pending.invitations.length === 0 ? (
            <p className="text-sm text-slate-700">No invitation is waiting to be accepted.</p>
          ) : (
            <ul className={`divide-y divide-slate-100 ${cardClass}`}>
              {pending.invitations.map((i) => (
                <li key={i.id} data-testid="invitation-row" className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                  <div className="min-w-48 flex-1">
                    <p className="font-medium text-slate-900">{i.email ?? "Anyone with the link"}</p>
                    <p className="text-xs text-slate-600">
                      {ROLE_LABEL[i.role]} · invited by {i.invitedBy.name} on {formatDate(i.createdAt)} · expires {formatDate(i.expiresAt)}
                    </p>
                  </div>
                  <ActionButton
                    action={revokeInvitationAction}
                    fields={{ invitationId: i.id }}
                    label="Revoke"
                    accessibleLabel={`Revoke the invitation ${i.email ? `for ${i.email}` : `created ${formatDate(i.createdAt)}`}`}
                    pendingLabel="Revoking…"
                    variant="ghost"
                    confirm={{ title: "Revoke this invitation?", description: "Its link stops working. You can invite the same person again.", confirmLabel: "Revoke invitation" }}
                  />
                </li>
              ))}
            </ul>
          )}
          {pending.hasMore ? <p className="text-sm text-slate-700">Showing the 200 newest pending invitations.</p> : null}
        </details>
      ) : null}
      <form role="search" action="/members" className="flex max-w-xl items-start gap-2">
        <div className="flex-1">
          <label htmlFor="member-search" className="sr-only">
            Search people by name or email
          </label>
          <input
            id="member-search"
            name="q"
            type="search"
            defaultValue={rawQuery}
            placeholder="Search by name or email"
            aria-invalid={searchError ? true : undefined}
            aria-describedby={searchError ? "member-search-error" : undefined}
            className={inputClass}
          />
          <p id="member-search-error" aria-live="polite" className="mt-1 text-sm text-red-700">
            {searchError ?? ""}
          </p>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
      </form>

      {page.data.length === 0 ? (
        <EmptyState title={params.q ? `No one matches “${params.q}”` : "No one here yet"}>
          {params.q ? (
            <Link className="font-medium text-brand-700 underline" href="/members">
              Show everyone
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <Card padded={false}>
          <Table>
            <caption className="sr-only">Members of {actor.orgName}</caption>
            <TableHead>
              <tr>
                <TableHeader pad="roomy">Person</TableHeader>
                <TableHeader pad="roomy">Role</TableHeader>
                <TableHeader pad="roomy">Teams</TableHeader>
                <TableHeader pad="roomy">Joined</TableHeader>
                {canRemove ? (
                  <TableHeader pad="roomy">
                    <span className="sr-only">Actions</span>
                  </TableHeader>
                ) : null}
              </tr>
            </TableHead>
            <TableBody>
              {page.data.map((m) => {
                const memberTeams = teams.get(m.user.id) ?? [];
                const isSelf = m.user.id === actor.userId;
                return (
                  <tr key={m.id} data-testid="member-row">
                    <TableCell pad="roomy">
                      <p className="font-medium text-slate-900">
                        {m.user.name}
                        {isSelf ? <span className="ml-1 text-xs font-normal text-slate-600">(you)</span> : null}
                      </p>
                      <p className="text-xs text-slate-600">{m.user.email}</p>
                    </TableCell>
                    <TableCell pad="roomy">
                      {canChangeRoles && mayManage(m.role) ? (
                        <MemberRoleForm key={`${m.user.id}-${m.role}`} userId={m.user.id} name={m.user.name} role={m.role} roles={assignable} />
                      ) : (
                        <span className="text-slate-800">{ROLE_LABEL[m.role]}</span>
                      )}
                    </TableCell>
                    <TableCell pad="roomy" className="text-slate-800">
                      {memberTeams.length ? memberTeams.map((t) => `${t.name}${t.role === "lead" ? " (lead)" : ""}`).join(", ") : <span className="text-slate-600">No team</span>}
                    </TableCell>
                    <TableCell pad="roomy" className="whitespace-nowrap text-slate-800">{formatDate(m.createdAt)}</TableCell>
                    {canRemove ? (
                      <TableCell pad="roomy" className="text-right">
                        {!isSelf && mayManage(m.role) ? (
                          <ActionButton
                            action={removeMemberAction}
                            fields={{ userId: m.user.id }}
                            label="Remove"
                            accessibleLabel={`Remove ${m.user.name}`}
                            pendingLabel="Removing…"
                            variant="ghost"
                            confirm={{ title: `Remove ${m.user.name} from ${actor.orgName}?`, description: "They lose access at once, leave their teams, and their API tokens stop working. Their goals and check-ins stay.", confirmLabel: "Remove member" }}
                          />
                        ) : null}
                      </TableCell>
                    ) : null}
                  </tr>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      )}

      {params.cursor || page.nextCursor ? (
        <nav aria-label="Pages of people" className="flex gap-3 text-sm">
          {params.cursor ? (
            <Link className="font-medium text-brand-700 underline" href={pageHref()}>
              First page
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link className="font-medium text-brand-700 underline" href={pageHref(page.nextCursor)}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}

    </div>
  );
}
