import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TokenList } from "@/components/tokens/token-list";
import { EmptyState } from "@/components/ui/empty-state";
import { listOrganizationApiTokens } from "@/lib/api-tokens/queries";
import { requirePageActor } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { createOrganizationApiTokenAction, revokeOrganizationApiTokenAction } from "./actions";

const ORGANIZATION_SCOPES = [
  { value: "read", label: "Read only" },
  { value: "checkins_write", label: "Read and check in (check-ins:write)" },
  { value: "write", label: "Read and write" },
];

export const metadata: Metadata = { title: "Organisation API tokens" };

export default async function OrganizationTokensPage() {
  const actor = await requirePageActor();
  // Members do not learn the page exists, as for another organisation's items.
  if (!can(actor, "token.manage_all")) notFound();
  const tokens = await listOrganizationApiTokens(actor);
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API tokens in {actor.orgName}</h1>
        <p className="mt-1 text-sm text-slate-700">
          Every working token in this organisation, most recently used first. Revoking one stops the script using it at once; its owner can make a new one.
        </p>
      </div>
      <CreateTokenForm action={createOrganizationApiTokenAction} scopes={ORGANIZATION_SCOPES} heading="New organisation token" defaultExpiry="365" activeTokenIds={tokens.map((t) => t.id)} />
      <p className="text-sm text-slate-700">
        An organisation token is for an integration, not a person: it acts under its own name (check-ins it makes say they came from it), never manages
        people, tokens or webhooks, and keeps working when whoever made it leaves. <em>Read and check in</em> can record check-ins on any key result and
        change nothing else.
      </p>
      {tokens.length === 0 ? (
        <EmptyState title="No active tokens">Nobody in {actor.orgName} has a working API token.</EmptyState>
      ) : (
        <TokenList tokens={tokens} label="Organisation tokens" revokeAction={revokeOrganizationApiTokenAction} />
      )}
    </div>
  );
}
