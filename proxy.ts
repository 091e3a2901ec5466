import { withAuth } from "next-auth/middleware";
import { decodeSession } from "@/lib/auth/jwt";

// Signed-out visitors go to sign-in and come back to the page they asked for. This is a convenience, not the
// guard: every page, action and route handler checks the session and membership itself.
export default withAuth({
  pages: { signIn: "/signin" },
  jwt: { decode: decodeSession },
});

export const config = {
  matcher: ["/((?!api/|_next/|signin|signup|forgot-password|reset-password|verify-email|invite/|favicon.ico|robots.txt).*)"],
};
