// Any origin works as the base for parsing: a value is a path of ours only if it keeps this origin once parsed.
const PARSE_BASE = "https://keel.invalid";

/**
 * The value as a path on this site (path, query, fragment, as the URL parser normalises them), or null. Browsers drop
 * tabs and line breaks from addresses and read a backslash as a slash, so "/\t/evil.example" opens evil.example: such
 * characters are refused outright, and the parsed result must still be a single-slash path on the same origin.
 */
function sameSitePath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, PARSE_BASE);
  } catch {
    return null;
  }
  if (parsed.origin !== PARSE_BASE) return null;
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // "/.//evil.example" parses to the path "//evil.example", which a browser would read as another host.
  return path.startsWith("//") ? null : path;
}

/** Only paths on this site: an open redirect after sign-in would hand our users to someone else's page. */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  const path = sameSitePath(value);
  if (path === null || path.startsWith("/signin") || path.startsWith("/signup")) return fallback;
  return path;
}

/** next-auth's `redirect` callback: a path of ours or an address on Keel's own origin; anything else goes home. */
export function redirectAfterSignIn({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const path = sameSitePath(url);
  if (path !== null) return `${baseUrl}${path}`;
  try {
    const parsed = new URL(url);
    if (parsed.origin === new URL(baseUrl).origin && !/[\u0000-\u001f\u007f\\]/.test(url)) return parsed.toString();
  } catch {
    // Not an absolute address either: fall through to the home page.
  }
  return baseUrl;
}
