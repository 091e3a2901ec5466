/** Whether this app server's background jobs run, as /api/health reports it. */
export interface JobsHealth {
  state: "off" | "starting" | "running" | "retrying";
  /** Failed starts since the last successful one. */
  failedStarts: number;
  nextRetryAt: string | null;
}

// On globalThis: the instrumentation hook and the route handlers are separate bundles in one process.
const holder = globalThis as unknown as { keelJobsHealth?: JobsHealth };

export function jobsHealth(): JobsHealth {
  return holder.keelJobsHealth ?? { state: "off", failedStarts: 0, nextRetryAt: null };
}

export function setJobsHealth(health: JobsHealth): void {
  holder.keelJobsHealth = health;
}

/** Waits between start attempts: 5 s, 10 s, 20 s... at most 5 minutes. */
export function restartDelayMs(failedStarts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, failedStarts - 1), 300_000);
}
