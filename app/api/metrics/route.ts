import { pool } from "@/lib/db/pool";
import { AppError } from "@/lib/errors";
import { problemFromAppError, problemResponse } from "@/lib/http/problem";
import { requestIdFrom } from "@/lib/http/request-id";
import { errorFields, log } from "@/lib/log";
import { metrics, metricsAccess, sampleJobQueues, samplePool } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics, for a scraper holding KEEL_METRICS_TOKEN as a bearer token. Without that variable the
 * endpoint does not exist (404), so a deployment never shows its numbers by accident.
 */
export async function GET(req: Request) {
  const requestId = requestIdFrom(req.headers);
  const access = metricsAccess(req.headers.get("authorization"));
  if (access === "disabled") {
    const off = new AppError("not_found", "Metrics are off: set KEEL_METRICS_TOKEN on the server to turn them on");
    return problemResponse(problemFromAppError(off, requestId), { "x-request-id": requestId });
  }
  if (access === "unauthorized") {
    const refused = new AppError("unauthenticated", "Send 'Authorization: Bearer <KEEL_METRICS_TOKEN>' with the token the server was given");
    return problemResponse(problemFromAppError(refused, requestId), { "x-request-id": requestId, "www-authenticate": 'Bearer realm="keel-metrics"' });
  }
  samplePool(pool);
  try {
    await sampleJobQueues(pool);
  } catch (error) {
    // The other series are still worth a scrape; the queue gauges keep their last values.
    log().warn({ requestId, ...errorFields(error) }, "metrics: could not read the job queues");
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store", "x-request-id": requestId } });
}
