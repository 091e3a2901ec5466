import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState } from "@/components/ui/empty-state";
import { listApiTokens } from "@/lib/api-tokens/queries";
import { requirePageActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/http/page";
import { revokeApiTokenAction } from "./actions";
import { cardClass } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

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
        <ul aria-label="Your tokens" className={`divide-y divide-slate-100 ${cardClass}`}>
          {tokens.map((t) => (
            <li key={t.id} data-testid="token-row" className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <div className="min-w-48 flex-1">
                <p className="font-medium text-slate-900">{t.name}</p>
                <p className="text-xs text-slate-600">
                  <span className="font-mono">{t.prefix}…</span> · created {formatDate(t.createdAt)} · {t.lastUsedAt ? `last used ${formatDate(t.lastUsedAt)}` : "never used"}
                </p>
              </div>
              {t.revokedAt ? (
                <Badge>Revoked {formatDate(t.revokedAt)}</Badge>
              ) : (
                <>
                  <Badge tone="success">Active</Badge>
                  <ActionButton
                    action={revokeApiTokenAction}
                    fields={{ tokenId: t.id }}
                    label="Revoke"
                    pendingLabel="Revoking…"
                    variant="ghost"
                    accessibleLabel={`Revoke ${t.name}`}
                    confirm={{ title: `Revoke “${t.name}”?`, description: "Anything using this token stops working at once. This cannot be undone; create a new token if you need one again.", confirmLabel: "Revoke token" }}
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
