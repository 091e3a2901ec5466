import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";

export const DELIVERY_PAGE_SIZE = 50;

const ENDPOINT_FIELDS = {
  id: true,
  url: true,
  description: true,
  events: true,
  secretPrefix: true,
  isEnabled: true,
  disabledAt: true,
  disabledReason: true,
  createdAt: true,
} as const;

/** The organisation's endpoints with each one's latest delivery: two queries whatever the number of endpoints. */
export async function listWebhookEndpoints(orgId: string) {
  const endpoints = await db.webhookEndpoint.findMany({ where: { organizationId: orgId }, orderBy: { createdAt: "asc" }, select: ENDPOINT_FIELDS });
  if (!endpoints.length) return [];
  const latest = await db.$queryRaw<{ endpoint_id: string; state: string; last_status_code: number | null; last_attempt_at: Date | null; created_at: Date }[]>`
    SELECT DISTINCT ON (d.endpoint_id) d.endpoint_id::text, d.state::text, d.last_status_code, d.last_attempt_at, d.created_at
      FROM webhook_deliveries d
     WHERE d.organization_id = ${orgId}::uuid AND d.endpoint_id = ANY(${endpoints.map((e) => e.id)}::uuid[])
     ORDER BY d.endpoint_id, d.created_at DESC`;
  const byEndpoint = new Map(latest.map((row) => [row.endpoint_id, row]));
  return endpoints.map((endpoint) => {
    const last = byEndpoint.get(endpoint.id);
    return { ...endpoint, lastDelivery: last ? { state: last.state, statusCode: last.last_status_code, hasTried: last.last_attempt_at !== null, at: last.last_attempt_at ?? last.created_at } : null };
  });
}
export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

export async function getWebhookEndpoint(orgId: string, endpointId: string) {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, organizationId: orgId }, select: ENDPOINT_FIELDS });
  if (!endpoint) throw notFound("That webhook");
  return endpoint;
}

/** An endpoint's deliveries, newest first, a page at a time (`before`: the last id of the previous page). */
export async function listWebhookDeliveries(orgId: string, endpointId: string, before?: string) {
  const rows = await db.webhookDelivery.findMany({
    where: { organizationId: orgId, endpointId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: DELIVERY_PAGE_SIZE + 1,
    select: {
      id: true,
      state: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      lastDurationMs: true,
      lastAttemptAt: true,
      nextAttemptAt: true,
      deliveredAt: true,
      createdAt: true,
      event: { select: { id: true, type: true } },
    },
  });
  const hasMore = rows.length > DELIVERY_PAGE_SIZE;
  const page = hasMore ? rows.slice(0, DELIVERY_PAGE_SIZE) : rows;
  return { deliveries: page, nextBefore: hasMore ? (page[page.length - 1]?.id ?? null) : null };
}
export type WebhookDeliveryRow = Awaited<ReturnType<typeof listWebhookDeliveries>>["deliveries"][number];
