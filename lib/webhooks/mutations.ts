import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { seal } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { AppError, conflict, notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import { PING_EVENT } from "./events";
import { MAX_WEBHOOK_ENDPOINTS, type CreateWebhookInput } from "./schemas";
import { postJson } from "./send";
import { signatureHeader, SIGNATURE_HEADER } from "./signature";

const SECRET_PREFIX = "whsec_";
/** How long a delivery is retried before it counts as failed and its endpoint is turned off. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

export function allowsPrivateAddresses(): boolean {
  return env().KEEL_WEBHOOK_ALLOW_PRIVATE === "1";
}

/**
 * Registers an endpoint. Before anything is stored Keel sends it a signed `ping`: an address that is not public
 * (unless the instance allows private ones) or does not answer is refused with the reason on the URL field. Any
 * answer counts, since a receiver may refuse a ping it does not know. The secret is returned here only.
 */
export async function createWebhookEndpoint(actor: Actor, input: CreateWebhookInput, options: { allowPrivate?: boolean } = {}) {
  assertCan(actor, "webhook.manage");
  const count = await db.webhookEndpoint.count({ where: { organizationId: actor.orgId } });
  if (count >= MAX_WEBHOOK_ENDPOINTS) throw conflict(`An organisation has at most ${MAX_WEBHOOK_ENDPOINTS} webhooks; delete one you no longer use first`);

  const secret = `${SECRET_PREFIX}${randomBytes(24).toString("base64url")}`;
  const ping = JSON.stringify({ id: randomUUID(), type: PING_EVENT, createdAt: new Date().toISOString(), organizationId: actor.orgId, data: { url: input.url } });
  const answer = await postJson(input.url, ping, { [SIGNATURE_HEADER]: signatureHeader(secret, ping), "keel-webhook-event": PING_EVENT }, { allowPrivate: options.allowPrivate ?? allowsPrivateAddresses() });
  if (answer.status === null) {
    const message = `Keel could not deliver a test event: ${answer.error ?? "no answer"}`;
    throw new AppError("validation", message, { url: [message] });
  }

  const endpoint = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        organizationId: actor.orgId,
        url: input.url,
        description: input.description,
        events: input.events,
        secretCiphertext: seal(secret),
        secretPrefix: secret.slice(0, SECRET_PREFIX.length + 4),
        createdById: actor.userId,
      },
      select: { id: true, url: true, events: true },
    });
    await recordAudit(tx, actor, { entityType: "webhook", entityId: created.id, action: "webhook.created", after: { url: created.url, events: created.events } });
    return created;
  });
  return { ...endpoint, secret, ping: { status: answer.status, durationMs: answer.durationMs } };
}

/** Turns an endpoint off (nothing more is queued for it) or on again (what is still due is sent). */
export async function setWebhookEnabled(actor: Actor, endpointId: string, enabled: boolean) {
  assertCan(actor, "webhook.manage");
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, organizationId: actor.orgId }, select: { id: true, url: true, isEnabled: true } });
    if (!endpoint) throw notFound("That webhook");
    const updated = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: enabled ? { isEnabled: true, disabledAt: null, disabledReason: null } : { isEnabled: false, disabledAt: new Date(), disabledReason: `Turned off by ${actor.name}` },
      select: { id: true, url: true, isEnabled: true },
    });
    await recordAudit(tx, actor, { entityType: "webhook", entityId: endpoint.id, action: enabled ? "webhook.enabled" : "webhook.disabled", before: { isEnabled: endpoint.isEnabled }, after: { isEnabled: enabled } });
    return updated;
  });
}

/** Deletes an endpoint with its delivery log. */
export async function deleteWebhookEndpoint(actor: Actor, endpointId: string) {
  assertCan(actor, "webhook.manage");
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, organizationId: actor.orgId }, select: { id: true, url: true, events: true } });
    if (!endpoint) throw notFound("That webhook");
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, actor, { entityType: "webhook", entityId: endpoint.id, action: "webhook.deleted", before: { url: endpoint.url, events: endpoint.events } });
    return endpoint;
  });
}

/** Sends a delivery again from now, as a new round with a fresh day of retries; the receiver sees the same event id. */
export async function redeliverWebhook(actor: Actor, deliveryId: string, now: Date = new Date()) {
  assertCan(actor, "webhook.manage");
  return db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, organizationId: actor.orgId },
      select: { id: true, state: true, endpointId: true, endpoint: { select: { isEnabled: true } }, event: { select: { id: true, type: true } } },
    });
    if (!delivery) throw notFound("That delivery");
    if (!delivery.endpoint.isEnabled) throw conflict("Turn the webhook on before sending a delivery again");
    if (delivery.state === "pending") throw conflict("That delivery is already waiting to be sent");
    // A new round: its attempts and answers start afresh; the audit event keeps that it was sent again.
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        state: "pending",
        attempts: 0,
        nextAttemptAt: now,
        retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS),
        lastStatusCode: null,
        lastError: null,
        lastDurationMs: null,
        lastAttemptAt: null,
        deliveredAt: null,
      },
    });
    await recordAudit(tx, actor, { entityType: "webhook", entityId: delivery.endpointId, action: "webhook.redelivered", after: { deliveryId: delivery.id, eventId: delivery.event.id, type: delivery.event.type } });
    return { id: delivery.id, eventType: delivery.event.type };
  });
}
