"use server";

import { defineAction } from "@/lib/http/action";
import { requestWebhookDelivery } from "@/lib/jobs/boss";
import { createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhook, setWebhookEnabled } from "@/lib/webhooks/mutations";
import { CreateWebhookSchema, RedeliverSchema, SetWebhookEnabledSchema, WebhookEndpointIdSchema } from "@/lib/webhooks/schemas";

export const createWebhookAction = defineAction({
  permission: "webhook.manage",
  schema: CreateWebhookSchema,
  run: async ({ actor, input }) => {
    const created = await createWebhookEndpoint(actor, input);
    return { id: created.id, url: created.url, secret: created.secret, pingStatus: created.ping.status };
  },
  message: (w) => `Webhook added: it answered the test event with ${w.pingStatus}. Copy the signing secret now, it is shown only once`,
});

export const setWebhookEnabledAction = defineAction({
  permission: "webhook.manage",
  schema: SetWebhookEnabledSchema,
  run: async ({ actor, input }) => {
    const updated = await setWebhookEnabled(actor, input.endpointId, input.enabled);
    // Deliveries that waited while it was off go out now.
    if (updated.isEnabled) await requestWebhookDelivery();
    return updated;
  },
  message: (w) => (w.isEnabled ? `Sending to ${w.url} again` : `Stopped sending to ${w.url}`),
});

export const deleteWebhookAction = defineAction({
  permission: "webhook.manage",
  schema: WebhookEndpointIdSchema,
  run: async ({ actor, input }) => deleteWebhookEndpoint(actor, input.endpointId),
  message: (w) => `Webhook to ${w.url} deleted`,
});

export const redeliverWebhookAction = defineAction({
  permission: "webhook.manage",
  schema: RedeliverSchema,
  run: async ({ actor, input }) => {
    const queued = await redeliverWebhook(actor, input.deliveryId);
    await requestWebhookDelivery();
    return queued;
  },
  message: (d) => `The ${d.eventType} event will be sent again in a moment`,
});
