/**
 * Runs once when a Next.js server starts. Each app server starts the background job workers (weekly reminders,
 * lead digests, the mail outbox); pg-boss coordinates them through Postgres, so no extra server is needed.
 * KEEL_JOBS=off (the test suites) leaves them out. The Node-only code lives in its own module so the Edge build
 * never sees it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: the rate limits need each connection's own address (lib/http/peer-address.ts).
  const { stampPeerAddresses } = await import("./lib/http/peer-address");
  stampPeerAddresses();
  (await import("./lib/http/observe")).observeRequests();
  // Before the first request too: the tree's data is sent compressed as stored (lib/http/pre-encoded.ts).
  (await import("./lib/http/pre-encoded")).passPreEncodedBodies();
  // SIGTERM/SIGINT drain requests, stop the jobs and close the pool before exiting (lib/server/shutdown.ts).
  if (process.env.NODE_ENV === "production") (await import("./lib/server/stop")).takeOverShutdownForServer();
  if (process.env.KEEL_JOBS === "off") return;
  const { startJobsForServer } = await import("./lib/jobs/server");
  await startJobsForServer();
}
