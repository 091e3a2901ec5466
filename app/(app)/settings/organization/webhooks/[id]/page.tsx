import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { AddressProblems } from "@/components/ui/address-problems";
import { Badge } from "@/components/ui/badge";
import { requirePageActor } from "@/lib/auth/session";
import { parseAddress, type RawAddress } from "@/lib/http/address";
import { IdSchema } from "@/lib/http/schemas";
import { can } from "@/lib/permissions";
import { getWebhookEndpoint, listWebhookDeliveries } from "@/lib/webhooks/queries";
import { DeliveryLogParamsSchema } from "@/lib/webhooks/schemas";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function WebhookDeliveriesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawAddress> }) {
  const actor = await requirePageActor();
  if (!can(actor, "webhook.manage")) notFound();
  const id = IdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const address = parseAddress(DeliveryLogParamsSchema, await searchParams);
  const endpoint = await getWebhookEndpoint(actor.orgId, id.data).catch(() => null);
  if (!endpoint) notFound();
  const { deliveries, nextBefore } = await listWebhookDeliveries(actor.orgId, endpoint.id, address.values.before);
  return (
    <div className="max-w-5xl space-y-4">
      <div>
        <p className="text-sm">
          <Link href="/settings/organization/webhooks" className="font-medium text-brand-700 underline-offset-2 hover:underline">
            ← Webhooks
          </Link>
        </p>
        <h1 className="mt-1 break-all text-xl font-semibold">Deliveries to {endpoint.url}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {endpoint.isEnabled ? <Badge tone="success">On</Badge> : <Badge tone="danger">Off</Badge>}
          {endpoint.disabledReason ?? null}
          <span>Events: {endpoint.events.join(", ")}</span>
        </p>
      </div>
      <AddressProblems problems={address.problems} />
      <DeliveryLog deliveries={deliveries} canRedeliver={endpoint.isEnabled} />
      {nextBefore ? (
        <p className="text-sm">
          <Link href={`/settings/organization/webhooks/${endpoint.id}?before=${nextBefore}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            Older deliveries
          </Link>
        </p>
      ) : null}
    </div>
  );
}
