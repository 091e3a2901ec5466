import { hostname } from "node:os";
import pino, { type Logger } from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function createLogger(): Logger {
  const requested = process.env.KEEL_LOG_LEVEL?.trim().toLowerCase() || "info";
  const isKnown = (LEVELS as readonly string[]).includes(requested);
  const logger = pino({
    level: isKnown ? requested : "info",
    // Which server wrote a line, when several run behind one load balancer.
    base: { service: "keel", hostname: hostname(), pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Levels by name: log pipelines filter on "error" more readily than on 50.
    formatters: { level: (label) => ({ level: label }) },
  });
  if (!isKnown) logger.warn({ requested, allowed: LEVELS }, "KEEL_LOG_LEVEL is not a known level; logging at info");
  return logger;
}

// On globalThis: the instrumentation hook and the route handlers are separate bundles in one process, and two
// loggers would each hold their own stdout buffer.
const holder = globalThis as unknown as { keelLogger?: Logger };

/** The process's JSON logger: one line per event on stdout, level from KEEL_LOG_LEVEL (default info). */
export function log(): Logger {
  holder.keelLogger ??= createLogger();
  return holder.keelLogger;
}

/** An error as plain fields for a log line (pino's own serialiser only applies under the `err` key). */
export function errorFields(error: unknown): { err: { message: string; name?: string; stack?: string } } {
  if (error instanceof Error) return { err: { name: error.name, message: error.message, stack: error.stack } };
  return { err: { message: String(error) } };
}

/** Unknown errors are logged with the request id the user sees, so a report can be matched to the log line. */
export function logUnexpected(error: unknown, requestId: string, where: string): void {
  log().error({ requestId, where, ...errorFields(error) }, "unexpected error");
}
