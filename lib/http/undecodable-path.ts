import { problemResponse } from "./problem";

/**
 * An API address whose percent-encoding does not decode (`/api/v1/cycles/%ZZ`, or bytes that are not UTF-8) fails
 * inside Next before any route runs, as a text/plain 500. The proxy calls this first, so such an address gets a
 * problem document instead: it names nothing, so 400.
 */
export function refuseUndecodableApiPath(pathname: string, requestId?: string): Response | null {
  if (!pathname.startsWith("/api/")) return null;
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return null;
  } catch {
    return problemResponse(
      {
        type: "https://keel.dev/problems/bad-request",
        title: "Bad request",
        status: 400,
        detail: "The address is not valid: it contains a percent sign that does not start an encoded character (%ZZ), or encoded bytes that are not UTF-8",
        ...(requestId ? { requestId } : {}),
      },
      requestId ? { "x-request-id": requestId } : {},
    );
  }
}
