/** Only paths on this site: an open redirect after sign-in would hand our users to someone else's page. */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/signin") || value.startsWith("/signup")) return fallback;
  return value;
}
