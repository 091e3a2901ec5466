/**
 * Runs once when a Next.js server starts. Each app server starts the background job workers (weekly reminders,
 * lead digests, the mail outbox); pg-boss coordinates them through Postgres, so no extra server is needed.
 * KEEL_JOBS=off (the test suites) leaves them out.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.KEEL_JOBS === "off") return;
  const { startJobs, stopJobs } = await import("./lib/jobs/boss");
  try {
    await startJobs();
    process.once("SIGTERM", () => void stopJobs());
  } catch (error) {
    // Pages and the API keep working without jobs; reminders resume on the next start.
    console.error("[jobs] background jobs did not start:", error);
  }
}
