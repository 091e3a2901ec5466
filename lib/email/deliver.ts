import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db/prisma";
import { env } from "@/lib/env";

/** After this many failed attempts a message is marked failed and no longer retried. */
export const MAX_ATTEMPTS = 5;
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
  return { transport: nodemailer.createTransport(smtpUrl), from };
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Sends queued mail, oldest first, one batch at a time. Rows are claimed with FOR UPDATE SKIP LOCKED, so the
 * job running on several app servers at once never sends a message twice; a failure is retried by the next run
 * until MAX_ATTEMPTS.
 */
export async function deliverQueuedEmails(mailer: Mailer, options: { now?: () => Date; maxBatches?: number } = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0 };
  const now = options.now ?? (() => new Date());
  // Failures are retried by the next run, not straight away in this one.
  const failedNow: string[] = [];
  for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
    const handled = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; to: string; subject: string; text: string; attempts: number }[]>`
          SELECT id::text AS id, "to", subject, text, attempts FROM email_messages
          WHERE status = 'queued' AND NOT (id = ANY(${failedNow}::uuid[])) ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
        for (const row of rows) {
          try {
            await mailer.transport.sendMail({ from: mailer.from, to: row.to, subject: row.subject, text: row.text });
            await tx.emailMessage.update({ where: { id: row.id }, data: { status: "sent", sentAt: now(), attempts: row.attempts + 1, error: null } });
            report.sent += 1;
          } catch (error) {
            const attempts = row.attempts + 1;
            const isFinal = attempts >= MAX_ATTEMPTS;
            await tx.emailMessage.update({
              where: { id: row.id },
              data: { status: isFinal ? "failed" : "queued", attempts, error: error instanceof Error ? error.message.slice(0, 1000) : String(error) },
            });
            failedNow.push(row.id);
            if (isFinal) report.failed += 1;
            else report.retrying += 1;
          }
        }
        return rows.length;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    if (handled < BATCH) break;
  }
  return report;
}
