import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db/prisma";
import { env, isOidcEnabled } from "@/lib/env";
import { redirectAfterSignIn } from "./callback-url";
import { authorizeCredentials } from "./credentials";
import { decodeSession, encodeSession } from "./jwt";

interface OidcProfile {
  sub: string;
  email?: string;
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
          const forwarded = req?.headers?.["x-forwarded-for"];
          const ip = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() ?? "local";
          return authorizeCredentials(credentials, ip);
        },
      }),
      ...(isOidcEnabled() ? [oidcProvider()] : []),
    ],
    callbacks: {
      redirect: redirectAfterSignIn,
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return "/signin?error=OidcNoEmail";
        // The account is found by email, so an address the identity provider has not verified could open someone
        // else's Keel account. Providers that do not send the claim at all are trusted to verify what they hand out.
        if ((profile as { email_verified?: unknown } | undefined)?.email_verified === false) return "/signin?error=OidcUnverifiedEmail";
        // Single sign-on finds the Keel account by email, or makes one; organisations come from invitations.
        await db.user.upsert({
          where: { email: user.email },
          create: { email: user.email, name: user.name ?? user.email },
          update: {},
        });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          if (account.provider === "oidc") {
            const found = await db.user.findUnique({ where: { email: user.email! }, select: { id: true } });
            token.uid = found?.id;
          } else {
            token.uid = user.id;
          }
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
