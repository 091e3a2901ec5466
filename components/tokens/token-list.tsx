import { RevokeTokenButton } from "./revoke-token-button";
import type { ActionState } from "@/lib/http/action";
import { formatDate } from "@/lib/format";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scope: "read" | "checkins_write" | "write";
  kind?: "personal" | "organization";
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  user?: { name: string; email: string };
  createdBy?: { name: string } | null;
}

const SCOPE_LABEL = { read: "Read only", checkins_write: "Read and check in", write: "Read and write" } as const;

/** Working tokens with when they were made, last used and expire, and a revoke button; the owner when given. */
export function TokenList<T>({
  tokens,
  label,
  revokeAction,
}: {
  tokens: TokenRow[];
  label: string;
  revokeAction: (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
}) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      {tokens.map((t) => (
        <li key={t.id} data-testid="token-row" className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
          <div className="min-w-48 flex-1">
            <p className="font-medium text-slate-900">
              {t.name}
              {t.kind === "organization" ? (
                <span className="font-normal text-slate-700"> · organisation token{t.createdBy ? `, made by ${t.createdBy.name}` : ""}</span>
              ) : t.user ? (
                <span className="font-normal text-slate-700"> · {t.user.name} ({t.user.email})</span>
              ) : null}
            </p>
            <p className="text-xs text-slate-700">
              <span className="font-mono">{t.prefix}…</span> · created {formatDate(t.createdAt)} · {t.lastUsedAt ? `last used ${formatDate(t.lastUsedAt)}` : "never used"} ·{" "}
              {t.expiresAt ? `expires ${formatDate(t.expiresAt)}` : "never expires"}
            </p>
          </div>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset ring-slate-500/30">{SCOPE_LABEL[t.scope]}</span>
          <RevokeTokenButton
            action={revokeAction}
            tokenId={t.id}
            name={t.name}
            accessibleLabel={t.kind === "organization" ? `Revoke the organisation token ${t.name}` : t.user ? `Revoke ${t.name} of ${t.user.name}` : `Revoke ${t.name}`}
          />
        </li>
      ))}
    </ul>
  );
}
