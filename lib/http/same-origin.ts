import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The media type of a Content-Type header, lower-cased, without parameters; null when absent or malformed. */
export function mediaType(header: string | null): string | null {
  if (!header) return null;
  const type = header.split(";", 1)[0]!.trim().toLowerCase();
  // type "/" subtype, each an RFC 9110 token: anything else (spaces, commas, a second slash) is not one media type.
  return /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(type) ? type : null;
}

/** Whether the request was sent by a page of this very origin, as the browser reports it. */
export function isSameOriginRequest(headers: Headers, ownOrigins: readonly string[]): boolean {
  const origin = headers.get("origin");
  if (origin !== null) return ownOrigins.includes(origin);
  // Older fetches of some browsers omit Origin but still say where they came from.
  return headers.get("sec-fetch-site") === "same-origin";
}

/**
 * A browser attaches the session cookie to requests that another site's page starts (a form, a no-cors fetch), and
 * "same-site" includes other ports and subdomains. Such a request cannot send a same-origin Origin, and cannot send
 * `application/json` without a CORS preflight this server never grants; so a cookie-authenticated write needs both.
 * API tokens are not sent by browsers on their own and need neither.
 */
export function assertSameOriginWrite(method: string, headers: Headers, ownOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  if (!isSameOriginRequest(headers, ownOrigins)) {
    throw new AppError("forbidden", "This request did not come from a Keel page; use a personal API token from other sites and scripts");
  }
  if (mediaType(headers.get("content-type")) !== "application/json") {
    throw new AppError("bad_request", "Send the body as JSON with 'Content-Type: application/json'");
  }
}

/** Keel's own origins: the one it is configured with (NEXTAUTH_URL) and the one this request was addressed to. */
export function ownOrigins(requestOrigin: string, configuredUrl: string | undefined): string[] {
  const origins = [requestOrigin];
  if (configuredUrl) {
    try {
      origins.push(new URL(configuredUrl).origin);
    } catch {
      // An unparsable NEXTAUTH_URL names no origin; next-auth itself refuses to start with one.
    }
  }
  return origins;
}
