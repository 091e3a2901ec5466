import type { Metadata } from "next";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";
import { notFound } from "next/navigation";
import { CreateWebhookForm } from "@/components/webhooks/create-webhook-form";
import { VerificationSnippet } from "@/components/webhooks/verification-snippet";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { CardSection } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await requirePageActor();
  // Members do not learn the page exists, as for another organisation's items.
  if (!can(actor, "webhook.manage")) notFound();
  const endpoints = await listWebhookEndpoints(actor.orgId);
  return (
    <div className="max-w-4xl space-y-6">
      <SettingsPageHeader title={`Webhooks in ${actor.orgName}`}>
        Keel tells other tools about changes as they happen: each event is POSTed as JSON, signed with the webhook’s secret, and retried with growing
        waits for a day. A webhook that keeps failing for a day is turned off and owners and admins get a mail.
      </SettingsPageHeader>
      <CreateWebhookForm endpointIds={endpoints.map((e) => e.id)} />
      {endpoints.length === 0 ? <EmptyState title="No webhooks yet">Add one above to send Keel’s events to another tool.</EmptyState> : <WebhookList endpoints={endpoints} />}
      <CardSection aria-labelledby="verify-heading">
        <h2 id="verify-heading" className="text-base font-semibold">
          Checking a delivery
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Each request carries <code>Keel-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>: an HMAC-SHA256 of the timestamp, a dot and the raw body, keyed
          with the signing secret. Recompute it, compare in constant time and refuse old timestamps. <code>Keel-Webhook-Id</code> is the event’s id: the same on
          every retry, so a receiver can drop one it has seen.
        </p>
        <VerificationSnippet />
      </CardSection>
    </div>
  );
}
