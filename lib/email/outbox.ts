import "server-only";
import type { Tx } from "@/lib/db/prisma";
import { env } from "@/lib/env";

export interface OutgoingEmail {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  /** What the mail is for: "reminder", "digest", "nudge"... shown in the development mailbox. */
  kind: string;
}

/** "smtp": queued for the delivery job; "log": no SMTP server configured, so written to the log and the dev mailbox. */
export type DeliveryMode = "smtp" | "log";

export function deliveryMode(): DeliveryMode {
  return env().SMTP_URL ? "smtp" : "log";
}

export interface StoredEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  status: "queued" | "sent" | "logged" | "failed";
}

/**
 * Writes mail into the outbox inside the caller's transaction, so a mail exists exactly when the change that
 * caused it was saved. Nothing is sent here: the delivery job sends queued mail after the commit.
 */
export async function enqueueEmails(tx: Tx, emails: readonly OutgoingEmail[], mode: DeliveryMode = deliveryMode()): Promise<StoredEmail[]> {
  if (!emails.length) return [];
  return tx.emailMessage.createManyAndReturn({
    data: emails.map((e) => ({
      organizationId: e.organizationId,
      to: e.to,
      subject: e.subject.length > 300 ? `${e.subject.slice(0, 299)}…` : e.subject,
      text: e.text,
      kind: e.kind,
      status: mode === "smtp" ? ("queued" as const) : ("logged" as const),
    })),
    select: { id: true, to: true, subject: true, text: true, kind: true, status: true },
  });
}

/** Call after the commit: mail that will not go out by SMTP is printed to the server log instead. */
export function logUnsentEmails(emails: readonly StoredEmail[]): void {
  for (const e of emails) {
    if (e.status !== "logged") continue;
    process.stdout.write(`[mail] ${e.kind} to ${e.to}: ${e.subject}\n${e.text.replace(/^/gm, "  | ")}\n`);
  }
}
