import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db/prisma";
import { env, isOidcEnabled } from "@/lib/env";
import { countSignIn } from "@/lib/ops/metrics";
import { clientAddress } from "@/lib/rate-limit";
import { redirectAfterSignIn } from "./callback-url";
import { authorizeCredentials } from "./credentials";
import { decodeSession, encodeSession } from "./jwt";
import { linkSsoIdentity } from "./sso-link";

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: unknown;
  name?: string;
  preferred_username?: string;
}

function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_NAME ?? "single sign-on",
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email?.toLowerCase() ?? null,
        name: profile.name ?? profile.preferred_username ?? profile.email ?? "Member",
      };
    },
  };
}

function buildAuthOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    jwt: { encode: encodeSession, decode: decodeSession },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          return authorizeCredentials(credentials, clientAddress(toHeaders(req?.headers)));
        },
      }),
      ...(isOidcEnabled() ? [oidcProvider()] : []),
    ],
    callbacks: {
      redirect: redirectAfterSignIn,
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const oidc = profile as OidcProfile | undefined;
        const linked = await linkSsoIdentity({ email: user.email ?? oidc?.email, email_verified: oidc?.email_verified, name: user.name });
        if ("refused" in linked) {
          countSignIn("sso", "failure");
          return `/signin?error=${linked.refused}`;
        }
        countSignIn("sso", "success");
        // The jwt callback runs next, in the same request; it reads the account that was just decided on.
        user.id = linked.userId;
        return true;
      },
      async jwt({ token, user, account }) {
        // Only at sign-in: the person and the session version the cookie will be checked against from now on.
        if (user && account) {
          const found = await db.user.findUnique({ where: { id: user.id }, select: { id: true, sessionVersion: true } });
          token.uid = found?.id;
          token.sv = found?.sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") {
          session.user.id = token.uid;
          session.user.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
        }
        return session;
      },
    },
  };
}

/** next-auth hands authorize() the request headers as a plain object. */
function toHeaders(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  return headers;
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
