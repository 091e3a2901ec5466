/**
 * The headers every response carries (see proxy.ts). Pure so the policy can be read and tested in one place.
 */

export interface SecurityHeaderOptions {
  nonce: string;
  /** The development server's React refresh evaluates code; a production build never does. */
  development: boolean;
  /** HSTS and upgrade-insecure-requests only make sense when Keel is really served over TLS (NEXTAUTH_URL is https). */
  https: boolean;
  /** The API reference's search runs in a worker Redoc makes from a blob of its own code. */
  blobWorkers?: boolean;
}

export function contentSecurityPolicy({ nonce, development, https, blobWorkers = false }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    // Next adds the nonce to its own scripts; 'strict-dynamic' lets those load the chunks they import.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React Flow, Radix and server-rendered style attributes (progress bars, positioned popovers) are inline styles.
    // A nonce here would make browsers ignore 'unsafe-inline' and break them; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The alignment tree parses its data in a worker from the build's own files; 'strict-dynamic' above would not let
    // script-src's 'self' cover workers.
    `worker-src 'self'${blobWorkers ? " blob:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** A fresh, unguessable nonce for every response: 16 random bytes, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
