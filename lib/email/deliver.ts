import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db/prisma";
import { env } from "@/lib/env";

/** A message is handed to the relay at most this many times; after the last failure it is marked failed. */
export const MAX_ATTEMPTS = 5;
/**
 * How long a claim holds a message before it may be tried again: it grows with each attempt (5 min, 20 min, 80 min,
 * 5 h 20 min). The first is far longer than a send may take (SEND_TIMEOUTS), so a claim never expires mid-send.
 */
export function retryDelayMs(attempts: number): number {
  return 5 * 60_000 * 4 ** Math.max(0, attempts - 1);
}
const SEND_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
const BATCH = 20;

export interface Mailer {
  transport: Pick<Transporter, "sendMail">;
  from: string;
}

/** The SMTP mailer from the environment (SMTP_URL, SMTP_FROM), or null when mail is only logged. */
export function mailerFromEnv(): Mailer | null {
  const e = env();
  if (!e.SMTP_URL) return null;
  return createMailer(e.SMTP_URL, e.SMTP_FROM);
}

export function createMailer(smtpUrl: string, from = "Keel <keel@localhost>"): Mailer {
  return { transport: nodemailer.createTransport({ url: smtpUrl, ...SEND_TIMEOUTS }), from };
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
}

interface ClaimedEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  attempts: number;
}

/**
 * Sends queued mail, oldest first, a batch at a time. Each batch is claimed in its own short transaction (FOR UPDATE
 * SKIP LOCKED, so app servers running the job together never claim the same row): the claim counts the attempt and
 * holds the message until its back-off ends. The mail is sent after that commit, outside any transaction, and then
 * marked sent or given its error. So a slow relay holds no transaction open, a message goes out at most once per
 * claim, and at most MAX_ATTEMPTS times in all even when marking it sent fails or the process dies mid-batch.
 */
export async function deliverQueuedEmails(mailer: Mailer, options: { now?: () => Date; maxBatches?: number } = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0 };
  const now = options.now ?? (() => new Date());
  for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
    const at = now();
    const claimed = await db.$queryRaw<ClaimedEmail[]>`
      UPDATE email_messages m SET attempts = m.attempts + 1,
        next_attempt_at = ${at}::timestamptz + make_interval(secs => ${retryDelayMs(1) / 1000}::double precision * power(4, m.attempts))
      FROM (
        SELECT id FROM email_messages
        WHERE status = 'queued' AND attempts < ${MAX_ATTEMPTS} AND (next_attempt_at IS NULL OR next_attempt_at <= ${at}::timestamptz)
        ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
      ) due
      WHERE m.id = due.id
      RETURNING m.id::text AS id, m."to", m.subject, m.text, m.attempts`;
    for (const row of claimed) {
      try {
        await mailer.transport.sendMail({ from: mailer.from, to: row.to, subject: row.subject, text: row.text });
        await db.emailMessage.update({ where: { id: row.id }, data: { status: "sent", sentAt: now(), error: null, nextAttemptAt: null } });
        report.sent += 1;
      } catch (error) {
        const isFinal = row.attempts >= MAX_ATTEMPTS;
        await db.emailMessage.update({
          where: { id: row.id },
          data: { status: isFinal ? "failed" : "queued", error: error instanceof Error ? error.message.slice(0, 1000) : String(error) },
        });
        if (isFinal) report.failed += 1;
        else report.retrying += 1;
      }
    }
    if (claimed.length < BATCH) break;
  }
  return report;
}
