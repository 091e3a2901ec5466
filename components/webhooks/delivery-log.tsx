import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { WebhookDeliveryRow } from "@/lib/webhooks/queries";
import { DeliveryStateBadge } from "./delivery-state";
import { RedeliverButton } from "./redeliver-button";

/** Newest first: what was sent, how the receiver answered and how long it took, and a way to send it again. */
export function DeliveryLog({ deliveries, canRedeliver }: { deliveries: WebhookDeliveryRow[]; canRedeliver: boolean }) {
  if (!deliveries.length) return <EmptyState title="No deliveries yet">Events this webhook subscribes to appear here as soon as they happen.</EmptyState>;
  return (
    <div className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
      <Table aria-label="Deliveries">
        <TableHead>
          <TableRow>
            <TableHeader>Event</TableHeader>
            <TableHeader>State</TableHeader>
            <TableHeader>Response</TableHeader>
            <TableHeader>Duration</TableHeader>
            <TableHeader>Attempts</TableHeader>
            <TableHeader>Last try</TableHeader>
            <TableHeader>
              <span className="sr-only">Actions</span>
            </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {deliveries.map((d) => (
            <TableRow key={d.id} data-testid="delivery-row">
              <TableCell>
                <p className="font-medium text-slate-900">{d.event.type}</p>
                <p className="font-mono text-xs text-slate-600">{d.event.id}</p>
              </TableCell>
              <TableCell>
                <DeliveryStateBadge state={d.state} statusCode={d.lastStatusCode} hasTried={d.attempts > 0} />
                {d.state === "pending" && d.nextAttemptAt && d.attempts > 0 ? <p className="mt-1 text-xs text-slate-700">next try {formatDateTime(d.nextAttemptAt)}</p> : null}
              </TableCell>
              <TableCell>
                {d.lastStatusCode ?? "—"}
                {d.lastError ? <p className="mt-1 max-w-64 break-words text-xs text-red-800">{d.lastError}</p> : null}
              </TableCell>
              <TableCell>{d.lastDurationMs === null ? "—" : `${d.lastDurationMs} ms`}</TableCell>
              <TableCell>{d.attempts}</TableCell>
              <TableCell>{d.lastAttemptAt ? formatDateTime(d.lastAttemptAt) : "—"}</TableCell>
              <TableCell>
                {canRedeliver && d.state !== "pending" ? (
                  <RedeliverButton deliveryId={d.id} accessibleLabel={`Redeliver ${d.event.type} ${d.event.id}`} />
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
