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
            <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
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
                    confirm="Revoke this invitation? Its link stops working."
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
        <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Members of {actor.orgName}</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">Person</th>
                <th scope="col" className="px-4 py-2 font-semibold">Role</th>
                <th scope="col" className="px-4 py-2 font-semibold">Teams</th>
                <th scope="col" className="px-4 py-2 font-semibold">Joined</th>
                {canRemove ? (
                  <th scope="col" className="px-4 py-2 font-semibold">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.data.map((m) => {
                const memberTeams = teams.get(m.user.id) ?? [];
                const isSelf = m.user.id === actor.userId;
                return (
                  <tr key={m.id} data-testid="member-row">
                    <td className="px-4 py-3">
                      <p className="font-medium text-slate-900">
                        {m.user.name}
                        {isSelf ? <span className="ml-1 text-xs font-normal text-slate-600">(you)</span> : null}
                      </p>
                      <p className="text-xs text-slate-600">{m.user.email}</p>
                    </td>
                    <td className="px-4 py-3">
                      {canChangeRoles && mayManage(m.role) ? (
                        <MemberRoleForm key={`${m.user.id}-${m.role}`} userId={m.user.id} name={m.user.name} role={m.role} roles={assignable} />
                      ) : (
                        <span className="text-slate-800">{ROLE_LABEL[m.role]}</span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-slate-800">
                      {memberTeams.length ? memberTeams.map((t) => `${t.name}${t.role === "lead" ? " (lead)" : ""}`).join(", ") : <span className="text-slate-600">No team</span>}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-800">{formatDate(m.createdAt)}</td>
                    {canRemove ? (
                      <td className="px-4 py-3 text-right">
                        {!isSelf && mayManage(m.role) ? (
                          <ActionButton
                            action={removeMemberAction}
                            fields={{ userId: m.user.id }}
                            label="Remove"
                            accessibleLabel={`Remove ${m.user.name}`}
                            pendingLabel="Removing…"
                            variant="ghost"
                            confirm={`Remove ${m.user.name} from ${actor.orgName}? They lose access at once, leave their teams, and their API tokens stop working. Their goals and check-ins stay.`}
                          />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
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
