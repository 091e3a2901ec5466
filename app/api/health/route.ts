import { db } from "@/lib/db/prisma";
import { jobsHealth } from "@/lib/jobs/health";
import { isShuttingDown } from "@/lib/server/shutdown";

export const dynamic = "force-dynamic";

/**
 * For load balancers and the start script: the app answers and reaches its database (503 when it cannot, and while
 * it stops: lib/server/shutdown.ts). The background jobs' state is reported beside it without failing the check:
 * pages and the API work without them.
 */
export async function GET() {
  const { state, failedStarts, nextRetryAt } = jobsHealth();
  const jobs = { state, failedStarts, nextRetryAt };
  // A stopping server finishes its requests but should get no new ones.
  if (isShuttingDown()) return Response.json({ status: "stopping", jobs }, { status: 503 });
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", jobs });
  } catch {
    return Response.json({ status: "unavailable", detail: "The database cannot be reached", jobs }, { status: 503 });
  }
}
