import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { describeInvitation, type InvitationDescription } from "@/lib/invitations/queries";
import { secretFromInvitationPath } from "@/lib/invitations/schemas";
import { ROLE_LABEL } from "@/lib/members/schemas";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Create an account", referrer: "no-referrer" };

const UNUSABLE: Record<Exclude<InvitationDescription["status"], "valid">, string> = {
  expired: "This invitation has expired.",
  used: "This invitation has already been used.",
  revoked: "This invitation was revoked.",
};

const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const secret = secretFromInvitationPath(callbackUrl);
  const invitation = secret ? await describeInvitation(secret) : null;
  const signInHref = `/signin${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;

  if (secret && (!invitation || invitation.status !== "valid")) {
    return (
      <Card className="p-6" padded={false}>
        <h1 className="text-lg font-semibold">This invitation cannot be used</h1>
        <p className="mt-2 text-sm text-slate-700">
          {invitation && invitation.status !== "valid" ? UNUSABLE[invitation.status] : "That invitation link is not valid."} Ask the person who invited you for a new link.
        </p>
        <p className="mt-6 text-sm text-slate-700">
          Starting out on your own?{" "}
          <Link className={linkClass} href="/signup">
            Create an account and an organisation
          </Link>
        </p>
      </Card>
    );
  }

  return (
    <Card className="p-6" padded={false}>
      <h1 className="text-lg font-semibold">Create your account</h1>
      {invitation ? (
        <p className="mt-1 text-sm text-slate-700">
          {invitation.inviterName} invited you to join <strong className="font-semibold text-slate-900">{invitation.organizationName}</strong> as{" "}
          {ROLE_LABEL[invitation.role].toLowerCase()}. Once your account exists, you accept the invitation on the next page.
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-700">You will be the owner of a new organisation. Joining a colleague&apos;s? Use their invitation link instead.</p>
      )}
      <SignUpForm callbackUrl={callbackUrl} invitation={secret && invitation ? { secret, email: invitation.email } : null} />
      <p className="mt-6 text-sm text-slate-700">
        Already have an account?{" "}
        <Link className={linkClass} href={signInHref}>
          Sign in
        </Link>
      </p>
    </Card>
  );
}
