import { startJobs, stopJobs } from "./boss";
import { errorFields, log } from "@/lib/log";
import { restartDelayMs, setJobsHealth } from "./health";

type Schedule = (retry: () => void, delayMs: number) => void;

const later: Schedule = (retry, delayMs) => {
  // A pending retry must not keep a stopping server alive.
  setTimeout(retry, delayMs).unref();
};

/**
 * Starts the workers, and when that fails (Postgres restarting, a network blip at boot) tries again with growing
 * waits rather than leaving reminders and mail dead until the next deploy. Pages and the API work meanwhile;
 * /api/health shows the state.
 */
export async function keepJobsStarting(start: () => Promise<unknown> = startJobs, schedule: Schedule = later, failedStarts = 0): Promise<void> {
  setJobsHealth({ state: failedStarts ? "retrying" : "starting", failedStarts, nextRetryAt: null });
  try {
    await start();
    setJobsHealth({ state: "running", failedStarts: 0, nextRetryAt: null });
  } catch (error) {
    const failures = failedStarts + 1;
    const delay = restartDelayMs(failures);
    log().error({ attempt: failures, retryInSeconds: Math.round(delay / 1000), ...errorFields(error) }, "jobs: the background jobs did not start; trying again");
    setJobsHealth({ state: "retrying", failedStarts: failures, nextRetryAt: new Date(Date.now() + delay).toISOString() });
    schedule(() => void keepJobsStarting(start, schedule, failures), delay);
  }
}

/** Starts the workers for this app server and stops them when it is asked to stop. */
export async function startJobsForServer(): Promise<void> {
  process.once("SIGTERM", () => void stopJobs());
  await keepJobsStarting();
}
