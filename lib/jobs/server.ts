import { startJobs, stopJobs } from "./boss";

/** Starts the workers for this app server and stops them when it is asked to stop. */
export async function startJobsForServer(): Promise<void> {
  try {
    await startJobs();
    process.once("SIGTERM", () => void stopJobs());
  } catch (error) {
    // Pages and the API keep working without jobs; reminders resume on the next start.
    console.error("[jobs] background jobs did not start:", error);
  }
}
