import { pool } from "@/lib/db/pool";
import { jobsHealth } from "@/lib/jobs/health";
import { checkReadiness, committedMigrationsOnce } from "@/lib/ops/readiness";
import { isShuttingDown } from "@/lib/server/shutdown";

export const dynamic = "force-dynamic";

/**
 * For load balancers: 200 only when this server can do its work (database reachable, every committed migration
 * applied, background jobs running or deliberately off); 503 naming the failed checks otherwise. /api/health only
 * says the process is alive. A stopping server answers 503 at once, so the balancer sends it nothing new.
 */
export async function GET() {
  if (isShuttingDown()) return Response.json({ status: "stopping" }, { status: 503, headers: { "cache-control": "no-store" } });
  const readiness = await checkReadiness({
    pool,
    committed: committedMigrationsOnce(),
    jobs: jobsHealth(),
    jobsDisabled: process.env.KEEL_JOBS === "off",
  });
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
