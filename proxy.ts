import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { decodeSession } from "@/lib/auth/jwt";
import { createNonce, securityHeaders } from "@/lib/http/security-headers";
import { refuseUndecodableApiPath } from "@/lib/http/undecodable-path";
import { requestIdFrom } from "@/lib/http/request-id";

// Signed-out visitors go to sign-in and come back to the page they asked for. This is a convenience, not the
// guard: every page, action and route handler checks the session and membership itself.
const requireSignIn = withAuth({
  pages: { signIn: "/signin" },
  jwt: { decode: decodeSession },
});

const TREE_DATA_PATH = /^\/api\/v1\/cycles\/[^/]+\/tree$/;
// The API's description and the reference page's script are the same for everyone and may be cached.
const PUBLIC_API_FILES = /^\/api\/(?:v1\/openapi\.json|docs\/redoc\.standalone\.js)$/;
const OPEN_PATHS = /^\/(?:api\/|_next\/|signin|signup|forgot-password|reset-password|verify-email|invite\/|favicon\.ico|robots\.txt|icon\.svg)/;

/** Every response gets the security headers; pages also get the sign-in redirect. */
export default async function proxy(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  const nonce = createNonce();
  const { pathname } = req.nextUrl;
  const headers = securityHeaders({
    nonce,
    development: process.env.NODE_ENV === "development",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https:"),
    blobWorkers: pathname === "/api/docs",
  });

  let response: Response | undefined | null | void;
  // An API path that cannot be decoded gets a problem document here: Next would answer it with a text/plain 500.
  if (pathname.startsWith("/api/")) response = refuseUndecodableApiPath(pathname, requestIdFrom(req.headers));
  if (!response && !OPEN_PATHS.test(pathname)) response = await requireSignIn(req as NextRequestWithAuth, event);
  if (!response) {
    // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
    const forwarded = new Headers(req.headers);
    forwarded.set("x-nonce", nonce);
    forwarded.set("content-security-policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  // Answers to a signed-in person must not be kept by a shared cache or the browser's back-forward store. The tree's
  // data says itself how to cache it (private, revalidated by ETag on every use), and a header set here would win.
  if (pathname.startsWith("/api/") && !TREE_DATA_PATH.test(pathname) && !PUBLIC_API_FILES.test(pathname)) response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  // Static build files are immutable and carry no user data; everything else passes through here.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
