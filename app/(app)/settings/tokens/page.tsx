import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState } from "@/components/ui/empty-state";
import { listApiTokens } from "@/lib/api-tokens/queries";
import { requirePageActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requirePageActor();
  const tokens = await listApiTokens(actor.orgId, actor.userId);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API tokens</h1>
        <p className="mt-1 text-sm text-slate-700">
          Personal tokens let scripts use the Keel API as you, in {actor.orgName}, with your role ({actor.role}). Revoke a token you no longer use.
        </p>
      </div>
      <CreateTokenForm />
      {tokens.length === 0 ? (
        <EmptyState title="No tokens yet">Create one above to use the API from a script.</EmptyState>
      ) : (
        <ul aria-label="Your tokens" className="divide-y divide-slate-100 rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
          {tokens.map((t) => (
            <li key={t.id} data-testid="token-row" className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <div className="min-w-48 flex-1">
                <p className="font-medium text-slate-900">{t.name}</p>
                <p className="text-xs text-slate-600">
                  <span className="font-mono">{t.prefix}…</span> · created {formatDate(t.createdAt)} · {t.lastUsedAt ? `last used ${formatDate(t.lastUsedAt)}` : "never used"}
                </p>
              </div>
              {t.revokedAt ? (
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset ring-slate-500/30">Revoked {formatDate(t.revokedAt)}</span>
              ) : (
                <>
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-900 ring-1 ring-inset ring-emerald-600/30">Active</span>
                  <ActionButton
                    action={revokeApiTokenAction}
                    fields={{ tokenId: t.id }}
                    label="Revoke"
                    pendingLabel="Revoking…"
                    variant="ghost"
                    accessibleLabel={`Revoke ${t.name}`}
                    confirm={`Revoke “${t.name}”? Anything using it stops working at once.`}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
