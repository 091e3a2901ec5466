import { isShuttingDown } from "@/lib/server/shutdown";
import { errorFields, log } from "@/lib/log";
import { startJobs } from "./boss";
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
  // A stopping server starts nothing: its pool may be closed already, and the attempt would only log a failure.
  if (isShuttingDown()) return;
  setJobsHealth({ state: failedStarts ? "retrying" : "starting", failedStarts, nextRetryAt: null });
  try {
    await start();
    setJobsHealth({ state: "running", failedStarts: 0, nextRetryAt: null });
  } catch (error) {
    if (isShuttingDown()) return;
    const failures = failedStarts + 1;
    const delay = restartDelayMs(failures);
    log().error({ attempt: failures, retryInSeconds: Math.round(delay / 1000), ...errorFields(error) }, "jobs: the background jobs did not start; trying again");
    setJobsHealth({ state: "retrying", failedStarts: failures, nextRetryAt: new Date(Date.now() + delay).toISOString() });
    schedule(() => void keepJobsStarting(start, schedule, failures), delay);
  }
}

/** Starts the workers for this app server; lib/server/shutdown.ts stops them with the server. */
export async function startJobsForServer(): Promise<void> {
  await keepJobsStarting();
}
