import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { listMailbox } from "@/lib/email/mailbox";
import { isDevMailboxEnabled } from "@/lib/env";
import { can } from "@/lib/permissions";
import { cardClass } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Mailbox" };

const STATUS_TONE = { logged: "neutral", queued: "info", sent: "success", failed: "danger" } as const;


/**
 * Mail Keel wrote for this organisation, for development and for servers without SMTP: with no SMTP_URL nothing
 * leaves the server, and this page (plus the server log) is where the reminders and nudges can be read.
 */
export default async function MailboxPage() {
  const actor = await requirePageActor();
  if (!isDevMailboxEnabled() || !can(actor, "mailbox.read")) notFound();
  const messages = await listMailbox(actor.orgId);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Mailbox</h1>
        <p className="text-sm text-slate-700">
          The latest {messages.length === 100 ? "100 " : ""}mails for {actor.orgName}. No SMTP server is configured, so they are written to the server log and shown here instead of being sent. Times in UTC.
        </p>
      </div>
      {messages.length === 0 ? (
        <EmptyState title="No mail yet">Reminders, digests and nudges will show up here.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => (
            <li key={m.id} data-testid="mail" className={`${cardClass}`}>
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
                  <span className="font-medium text-slate-900">{m.subject}</span>
                  <span className="text-sm text-slate-700">to {m.to}</span>
                  <span className="text-xs text-slate-700">{m.kind}</span>
                  <Badge tone={STATUS_TONE[m.status]}>{m.status}</Badge>
                  <time dateTime={m.createdAt.toISOString()} className="ml-auto text-xs text-slate-700">
                    {formatDateTime(m.createdAt)}
                  </time>
                </summary>
                <pre className="overflow-x-auto whitespace-pre-wrap border-t border-slate-100 px-4 py-3 font-sans text-sm text-slate-800">{m.text}</pre>
                {m.error ? <p className="px-4 pb-3 text-sm text-red-800">Last error: {m.error}</p> : null}
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
