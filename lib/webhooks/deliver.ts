import "server-only";
import { recordAudit } from "@/lib/audit";
import { open } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/prisma";
import { enqueueEmails, logUnsentEmails } from "@/lib/email/outbox";
import { appUrl } from "@/lib/email/links";
import { allowsPrivateAddresses } from "./mutations";
import { postJson, type SendResult } from "./send";
import { signatureHeader, SIGNATURE_HEADER } from "./signature";

const BATCH = 20;

interface Claimed {
  id: string;
  organization_id: string;
  endpoint_id: string;
  attempts: number;
  retry_until: Date;
  url: string;
  secret_ciphertext: string;
  event_id: string;
  payload: { id: string; type: string; createdAt: string; organizationId: string; actor: unknown; data: unknown };
}

export interface WebhookReport {
  delivered: number;
  retrying: number;
  failed: number;
  disabled: number;
}

/**
 * Sends the deliveries that are due. Each batch is claimed in one statement (FOR UPDATE SKIP LOCKED, so servers
 * running the job together never claim the same row): the claim counts the attempt and moves the delivery past its
 * back-off (30 s, 1 min, 2 min ... doubling up to an hour), and only then is it sent, outside any transaction. A server that dies mid-send leaves the delivery to be
 * tried again after its back-off; the receiver deduplicates by the event id in `Keel-Webhook-Id`. A delivery still
 * failing when its day of retries ends is marked failed and its endpoint turned off, and the organisation's owners
 * and admins are told by mail.
 */
export async function deliverDueWebhooks(options: { now?: () => Date; maxBatches?: number; allowPrivate?: boolean } = {}): Promise<WebhookReport> {
  const now = options.now ?? (() => new Date());
  const allowPrivate = options.allowPrivate ?? allowsPrivateAddresses();
  const report: WebhookReport = { delivered: 0, retrying: 0, failed: 0, disabled: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
    const at = now();
    const claimed = await db.$queryRaw<Claimed[]>`
      WITH due AS (
        SELECT d.id FROM webhook_deliveries d
          JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.organization_id = d.organization_id
         WHERE d.state = 'pending' AND d.next_attempt_at <= ${at}::timestamptz AND e.is_enabled
         ORDER BY d.next_attempt_at
         LIMIT ${BATCH}
         FOR UPDATE OF d SKIP LOCKED
      ), claimed AS (
        UPDATE webhook_deliveries d
           SET attempts = d.attempts + 1, last_attempt_at = ${at}::timestamptz, updated_at = ${at}::timestamptz,
               next_attempt_at = ${at}::timestamptz + make_interval(secs => least(30 * power(2, d.attempts), 3600))
          FROM due WHERE d.id = due.id
        RETURNING d.id, d.organization_id, d.endpoint_id, d.event_id, d.attempts, d.retry_until
      )
      SELECT c.id::text, c.organization_id::text, c.endpoint_id::text, c.attempts, c.retry_until,
             e.url, e.secret_ciphertext, ev.id::text AS event_id, ev.payload
        FROM claimed c
        JOIN webhook_endpoints e ON e.id = c.endpoint_id AND e.organization_id = c.organization_id
        JOIN webhook_events ev ON ev.id = c.event_id AND ev.organization_id = c.organization_id`;
    if (!claimed.length) break;
    const results = await Promise.all(claimed.map((row) => send(row, allowPrivate, now)));
    for (const [i, row] of claimed.entries()) {
      const outcome = await settle(row, results[i]!, now());
      report[outcome] += 1;
      if (outcome === "failed" && (await disableAfterFailure(row, results[i]!, now()))) report.disabled += 1;
    }
  }
  return report;
}

async function send(row: Claimed, allowPrivate: boolean, now: () => Date): Promise<SendResult> {
  const { id, type, createdAt, organizationId, actor, data } = row.payload;
  // jsonb keeps keys in its own order; the receiver reads them in this one.
  const body = JSON.stringify({ id, type, createdAt, organizationId, actor, data });
  let secret: string;
  try {
    secret = open(row.secret_ciphertext);
  } catch {
    return { status: null, durationMs: 0, error: "The signing secret cannot be read (was KEEL_ENCRYPTION_KEY changed?); create the webhook again", excerpt: "" };
  }
  return postJson(
    row.url,
    body,
    {
      [SIGNATURE_HEADER]: signatureHeader(secret, body, now()),
      "keel-webhook-id": row.event_id,
      "keel-webhook-event": type,
      "keel-webhook-delivery": row.id,
      "keel-webhook-attempt": String(row.attempts),
    },
    { allowPrivate },
  );
}

async function settle(row: Claimed, result: SendResult, at: Date): Promise<"delivered" | "retrying" | "failed"> {
  const isOk = result.status !== null && result.status >= 200 && result.status < 300;
  const error = isOk ? null : (result.error ?? `Answered ${result.status}${result.excerpt ? `: ${result.excerpt.replace(/\s+/g, " ").slice(0, 300)}` : ""}`);
  const outcome = isOk ? "delivered" : at >= row.retry_until ? "failed" : "retrying";
  await db.webhookDelivery.update({
    where: { id: row.id },
    data: {
      state: outcome === "retrying" ? "pending" : outcome,
      lastStatusCode: result.status,
      lastError: error?.slice(0, 1000) ?? null,
      lastDurationMs: result.durationMs,
      deliveredAt: isOk ? at : null,
      ...(outcome === "retrying" ? {} : { nextAttemptAt: null }),
    },
  });
  return outcome;
}

/** Turns the endpoint off once (a concurrent failure finds it off already) and mails its owners and admins. */
async function disableAfterFailure(row: Claimed, result: SendResult, at: Date): Promise<boolean> {
  const reason = `Deliveries failed for a day; the last one: ${result.error ?? `answered ${result.status}`}`.slice(0, 500);
  const mails = await db.$transaction(async (tx) => {
    const turnedOff = await tx.webhookEndpoint.updateMany({
      where: { id: row.endpoint_id, organizationId: row.organization_id, isEnabled: true },
      data: { isEnabled: false, disabledAt: at, disabledReason: reason },
    });
    if (!turnedOff.count) return null;
    await recordAudit(tx, { orgId: row.organization_id, userId: null }, { entityType: "webhook", entityId: row.endpoint_id, action: "webhook.disabled", after: { isEnabled: false, reason } });
    const admins = await tx.membership.findMany({
      where: { organizationId: row.organization_id, role: { in: ["owner", "admin"] } },
      select: { user: { select: { email: true, name: true } } },
    });
    return enqueueEmails(
      tx,
      admins.map(({ user }) => ({
        organizationId: row.organization_id,
        to: user.email,
        subject: `Keel turned off a webhook: ${row.url}`,
        text: [
          `Hello ${user.name},`,
          "",
          `Keel could not deliver events to ${row.url} for a day, so it stopped sending to it.`,
          `The last attempt: ${result.error ?? `the receiver answered ${result.status}`}.`,
          "",
          `When the receiver works again, turn the webhook back on and send the failed deliveries again: ${appUrl(`/settings/organization/webhooks/${row.endpoint_id}`)}`,
        ].join("\n"),
        kind: "webhook-disabled",
      })),
    );
  });
  if (!mails) return false;
  logUnsentEmails(mails);
  return true;
}
