import { z } from "zod";
import { BooleanishSchema, idSchema, safeString } from "@/lib/http/schemas";
import { WEBHOOK_EVENT_TYPES } from "./events";

export const MAX_WEBHOOK_ENDPOINTS = 20;

export const WebhookUrlSchema = safeString({ error: "Enter the address Keel should send events to" })
  .trim()
  .min(1, "Enter the address Keel should send events to")
  .max(2000, "Addresses are at most 2000 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full address, like https://example.com/keel-events" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "Webhooks are sent over https (or http) only" });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Leave the user name and password out of the address: each delivery is signed instead" });
  });

export const CreateWebhookSchema = z.object({
  url: WebhookUrlSchema,
  description: safeString().trim().max(200, "Descriptions are at most 200 characters").default(""),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "That is not an event Keel sends" }), { error: "Choose the events to send" })
    .min(1, "Choose at least one event to send")
    .transform((events) => [...new Set(events)]),
});
export type CreateWebhookInput = z.output<typeof CreateWebhookSchema>;

export const WebhookEndpointIdSchema = z.object({ endpointId: idSchema("Choose a webhook") });

export const SetWebhookEnabledSchema = z.object({ endpointId: idSchema("Choose a webhook"), enabled: BooleanishSchema });

export const RedeliverSchema = z.object({ deliveryId: idSchema("Choose a delivery") });

export const DeliveryLogParamsSchema = { before: idSchema("before must be a delivery id") };
