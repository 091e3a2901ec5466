/**
 * What a webhook can announce. The audit trigger of prisma/migrations/*_webhooks (keel_webhook_event_type) maps
 * audit actions to these names; tests/webhooks checks that each one is produced.
 */
export const WEBHOOK_EVENTS = [
  { type: "check_in.created", label: "A check-in is made", description: "The first check-in of a week on a key result" },
  { type: "check_in.updated", label: "A check-in is changed", description: "A key result is checked in on again the same week" },
  { type: "key_result.created", label: "A key result is added", description: "A key result is added to an objective" },
  { type: "key_result.updated", label: "A key result changes", description: "Its title, target, owner, weight or score changes" },
  { type: "objective.created", label: "An objective is created", description: "An objective is created or carried forward" },
  { type: "objective.updated", label: "An objective changes", description: "Its title, owner, state or alignment changes" },
  { type: "objective.abandoned", label: "An objective is abandoned", description: "An objective is abandoned, with the reason" },
  { type: "cycle.activated", label: "A cycle starts", description: "A cycle moves from planning to active" },
  { type: "cycle.closed", label: "A cycle closes", description: "A cycle is closed" },
  { type: "comment.created", label: "A comment is posted", description: "Someone comments on an objective" },
  { type: "initiative.created", label: "An initiative is added", description: "Work is added under a key result" },
  { type: "initiative.updated", label: "An initiative changes", description: "Its status, title, owner, due date or link changes" },
  { type: "initiative.deleted", label: "An initiative is removed", description: "An initiative is taken off its key result" },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]["type"];
export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENTS.map((e) => e.type) as [WebhookEventType, ...WebhookEventType[]];

/** Sent once when an endpoint is registered, to prove it answers; never stored as an event. */
export const PING_EVENT = "ping";
