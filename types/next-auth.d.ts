import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id?: string; sessionVersion?: number; name?: string | null; email?: string | null; image?: string | null };
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** users.session_version at sign-in: the session ends when the stored one moves on. */
    sv?: number;
  }
}
