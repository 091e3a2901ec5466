import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { env, isOidcEnabled } from "@/lib/env";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  OidcNoEmail: "Your single sign-on account has no email address; ask your administrator.",
  OidcUnverifiedEmail: "Your single sign-on provider has not confirmed that your email address is verified, so Keel cannot use it to sign you in. Ask your administrator.",
  OidcLinkUnverified:
    "A Keel account with this email exists, but its address is not verified yet. Sign in with your password, verify your email from the banner, then use single sign-on.",
  OidcSignUpClosed: "There is no Keel account for this email, and new accounts here need an invitation. Ask a colleague for an invitation link.",
  OAuthSignin: "Single sign-on is not reachable right now. Try again, or use your password.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? null) : null;
  return (
    <Card className="p-6" padded={false}>
      <h1 className="text-lg font-semibold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} initialError={error} sso={isOidcEnabled() ? (env().OIDC_NAME ?? "single sign-on") : null} />
      <p className="mt-4 text-sm">
        <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/forgot-password">
          Forgot password?
        </Link>
      </p>
      <p className="mt-4 text-sm text-slate-700">
        New to Keel?{" "}
        <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href={`/signup${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>
          Create an account
        </Link>
      </p>
    </Card>
  );
}
