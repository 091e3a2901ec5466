import { jobsHealth } from "@/lib/jobs/health";
import { isShuttingDown } from "@/lib/server/shutdown";

export const dynamic = "force-dynamic";

/**
 * Liveness, for the start script, the container's health check and Playwright: 200 while the process answers, with
 * no database call, so a database outage does not get every server restarted. Whether a server should get traffic
 * is /api/ready. The background jobs' state is reported beside it. A stopping server (lib/server/shutdown.ts)
 * answers 503: it finishes its requests but should get no new ones.
 */
export async function GET() {
  const { state, failedStarts, nextRetryAt } = jobsHealth();
  const jobs = { state, failedStarts, nextRetryAt };
  if (isShuttingDown()) return Response.json({ status: "stopping", jobs }, { status: 503 });
  return Response.json({ status: "ok", jobs });
}
