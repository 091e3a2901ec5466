import type { NextFetchEvent } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { decodeSession } from "@/lib/auth/jwt";
import { refuseUndecodableApiPath } from "@/lib/http/undecodable-path";

// Signed-out visitors go to sign-in and come back to the page they asked for. This is a convenience, not the
// guard: every page, action and route handler checks the session and membership itself.
const requireSignIn = withAuth({
  pages: { signIn: "/signin" },
  jwt: { decode: decodeSession },
});

export default function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  // Nothing (not NextResponse.next()) lets a sound API request through untouched: answering next() here broke the
  // pickers' and the objective page's client navigation in the e2e tests.
  if (req.nextUrl.pathname.startsWith("/api/")) return refuseUndecodableApiPath(req.nextUrl.pathname) ?? undefined;
  return requireSignIn(req, event);
}

export const config = {
  matcher: ["/api/:path*", "/((?!api/|_next/|signin|signup|forgot-password|reset-password|verify-email|invite/|favicon.ico|robots.txt).*)"],
};
