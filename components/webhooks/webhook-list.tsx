import Link from "next/link";
import { deleteWebhookAction, setWebhookEnabledAction } from "@/app/(app)/settings/organization/webhooks/actions";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { WebhookEndpointRow } from "@/lib/webhooks/queries";
import { DeliveryStateBadge } from "./delivery-state";

/** Each endpoint with its events, whether it is on, its latest delivery, and what can be done with it. */
export function WebhookList({ endpoints }: { endpoints: WebhookEndpointRow[] }) {
  return (
    <ul aria-label="Webhooks" className="divide-y divide-slate-100 rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      {endpoints.map((e) => (
        <li key={e.id} data-testid="webhook-row" className="space-y-2 px-4 py-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <p className="min-w-0 flex-1 break-all font-mono text-slate-900">{e.url}</p>
            {e.isEnabled ? <Badge tone="success">On</Badge> : <Badge tone="danger">Off</Badge>}
          </div>
          {e.description ? <p className="text-slate-700">{e.description}</p> : null}
          {!e.isEnabled && e.disabledReason ? <p className="text-red-800">{e.disabledReason}</p> : null}
          <p className="text-xs text-slate-700">
            {e.events.join(", ")} · secret <span className="font-mono">{e.secretPrefix}…</span>
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-xs text-slate-700">
              {e.lastDelivery ? (
                <>
                  Latest delivery <DeliveryStateBadge state={e.lastDelivery.state} statusCode={e.lastDelivery.statusCode} hasTried={e.lastDelivery.hasTried} /> {formatDateTime(e.lastDelivery.at)}
                </>
              ) : (
                "No deliveries yet"
              )}
            </span>
            <span className="flex-1" />
            <Link href={`/settings/organization/webhooks/${e.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline" aria-label={`Deliveries to ${e.url}`}>
              Deliveries
            </Link>
            <ActionButton
              action={setWebhookEnabledAction}
              fields={{ endpointId: e.id, enabled: e.isEnabled ? "false" : "true" }}
              label={e.isEnabled ? "Turn off" : "Turn on"}
              accessibleLabel={`${e.isEnabled ? "Turn off" : "Turn on"} the webhook to ${e.url}`}
            />
            <ActionButton
              action={deleteWebhookAction}
              fields={{ endpointId: e.id }}
              label="Delete"
              variant="ghost"
              accessibleLabel={`Delete the webhook to ${e.url}`}
              confirm={{ title: "Delete this webhook?", description: `Keel stops sending to ${e.url} and forgets its delivery log. This cannot be undone.`, confirmLabel: "Delete webhook" }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
