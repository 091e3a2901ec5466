import { takeOverShutdown } from "./shutdown";

/**
 * The app server's stop: its job runner and then its database pool, after the requests in flight. Both modules
 * load on use, so a server that never touched them does not open them just to close them.
 */
export function takeOverShutdownForServer(): void {
  takeOverShutdown({
    stopWork: async (graceMs) => (await import("@/lib/jobs/boss")).stopJobs(graceMs),
    closeDatabase: async () => (await import("@/lib/db/pool")).pool.end(),
  });
}
