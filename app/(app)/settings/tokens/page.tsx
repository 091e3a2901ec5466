import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenList } from "@/components/tokens/token-list";
import { EmptyState } from "@/components/ui/empty-state";
import { listApiTokens } from "@/lib/api-tokens/queries";
import { requirePageActor } from "@/lib/auth/session";
import { mayWrite } from "@/lib/permissions";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

const READ_ONLY = { value: "read", label: "Read only" };

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requirePageActor();
  const tokens = await listApiTokens(actor.orgId, actor.userId);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API tokens</h1>
        <p className="mt-1 text-sm text-slate-700">
          Personal tokens let scripts use the Keel API as you, in {actor.orgName}.{" "}
          {mayWrite(actor)
            ? `A read-only token can only look; one with write access acts with your role (${actor.role}).`
            : "As a viewer you change nothing in the organisation, so your tokens can only read."}{" "}
          Revoke a token you no longer use.
        </p>
        <p className="mt-2 text-sm text-slate-700">
          {/* A plain link: the reference is a page of its own, outside the app's layout. */}
          <a className="font-medium text-brand-700 underline" href="/api/docs">
            Read the API reference
          </a>{" "}
          for every endpoint, what it accepts and what it answers.
        </p>
      </div>
      <CreateTokenForm
        action={createApiTokenAction}
        scopes={mayWrite(actor) ? [READ_ONLY, { value: "write", label: "Read and write" }] : [READ_ONLY]}
        activeTokenIds={tokens.map((t) => t.id)}
      />
      {tokens.length === 0 ? (
        <EmptyState title="No active tokens">Create one above to use the API from a script.</EmptyState>
      ) : (
        <TokenList tokens={tokens} label="Your tokens" revokeAction={revokeApiTokenAction} />
      )}
    </div>
  );
}
