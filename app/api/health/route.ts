import { db } from "@/lib/db/prisma";
import { jobsHealth } from "@/lib/jobs/health";

export const dynamic = "force-dynamic";

/**
 * For load balancers and the start script: the app answers and reaches its database (503 when it cannot). The
 * background jobs' state is reported beside it without failing the check: pages and the API work without them.
 */
export async function GET() {
  const { state, failedStarts, nextRetryAt } = jobsHealth();
  const jobs = { state, failedStarts, nextRetryAt };
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", jobs });
  } catch {
    return Response.json({ status: "unavailable", detail: "The database cannot be reached", jobs }, { status: 503 });
  }
}
