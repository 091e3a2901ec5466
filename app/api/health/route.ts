import { jobsHealth } from "@/lib/jobs/health";

export const dynamic = "force-dynamic";

/**
 * Liveness, for the start script, the container's health check and Playwright: 200 while the process answers, with
 * no database call, so a database outage does not get every server restarted. Whether a server should get traffic
 * is /api/ready. The background jobs' state is reported beside it.
 */
export async function GET() {
  const { state, failedStarts, nextRetryAt } = jobsHealth();
  return Response.json({ status: "ok", jobs: { state, failedStarts, nextRetryAt } });
}
