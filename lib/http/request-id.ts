
export const REQUEST_ID_HEADER = "x-request-id";

// What a proxy's id may look like: UUIDs, hex, base64 and the dotted or colon-separated forms load balancers use.
// Anything else (too long, spaces, quotes, control characters) is replaced, so it never reaches a log line or a header.
const WELL_FORMED = /^[A-Za-z0-9._:+=/-]{1,128}$/;

export function newRequestId(): string {
  return crypto.randomUUID();
}

/** The id a proxy sent, when it is well formed; null otherwise. */
export function acceptRequestId(value: string | string[] | null | undefined): string | null {
  if (typeof value !== "string") return null;
  return WELL_FORMED.test(value) ? value : null;
}

/**
 * The request's id: the one the server stamped on it (lib/http/observe.ts, from a proxy's X-Request-Id or new), so
 * the access log, the error log and the problem document name the same id. New when there is none.
 */
export function requestIdFrom(headers: Pick<Headers, "get"> | null | undefined): string {
  return acceptRequestId(headers?.get(REQUEST_ID_HEADER)) ?? newRequestId();
}
