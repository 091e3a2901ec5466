import { randomUUID } from "node:crypto";

export function newRequestId(): string {
  return randomUUID();
}

/** Unknown errors are logged with the request id the user sees, so a report can be matched to the log line. */
export function logUnexpected(error: unknown, requestId: string, where: string): void {
  console.error(JSON.stringify({ level: "error", requestId, where, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }));
}
