import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AcceptInvitationForm, SwitchAccountButton } from "@/components/members/accept-invitation-form";
import { buttonClass } from "@/components/ui/button";
import { getSessionUserId } from "@/lib/auth/session-user";
import { formatDate } from "@/lib/format";
import { describeInvitation, describeInvitee, type InvitationDescription } from "@/lib/invitations/queries";
import { invitationPath } from "@/lib/invitations/schemas";
import { ROLE_LABEL } from "@/lib/members/schemas";
import { Card as Panel } from "@/components/ui/card";

// The secret is in the address: keep it out of Referer headers and search indexes.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false, follow: false } };

const UNUSABLE: Record<Exclude<InvitationDescription["status"], "valid">, { title: string; text: string }> = {
  expired: { title: "This invitation has expired", text: "Invitation links work for 7 days. Ask the person who invited you for a new one." },
  used: { title: "This invitation has already been used", text: "Each link works once. If it was not you who used it, ask for a new one." },
  revoked: { title: "This invitation was revoked", text: "Ask the person who invited you for a new link." },
};

function Card({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-8 text-center text-2xl font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="mr-1 text-brand-600">⚓</span>Keel
        </p>
        <Panel padded={false} className="p-6">
          {children}
        </Panel>
      </div>
    </main>
  );
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token: secret } = await params;
  const [invitation, userId] = await Promise.all([describeInvitation(secret), getSessionUserId()]);

  if (!invitation) {
    return (
      <Card>
        <h1 className="text-lg font-semibold">This invitation link is not valid</h1>
        <p className="mt-2 text-sm text-slate-700">Check that the whole link was copied, or ask the person who invited you for a new one.</p>
      </Card>
    );
  }

  if (invitation.status === "used" && userId && invitation.acceptedById === userId) {
    return (
      <Card>
        <h1 className="text-lg font-semibold">You have joined {invitation.organizationName}</h1>
        <p className="mt-2 text-sm text-slate-700">You accepted this invitation already.</p>
        <Link href="/" className={`${buttonClass("primary")} mt-6 w-full`}>
          Go to {invitation.organizationName}
        </Link>
      </Card>
    );
  }

  if (invitation.status !== "valid") {
    const { title, text } = UNUSABLE[invitation.status];
    return (
      <Card>
        <h1 className="text-lg font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-slate-700">
          It was an invitation to join {invitation.organizationName}. {text}
        </p>
      </Card>
    );
  }

  const path = invitationPath(secret);
  const back = encodeURIComponent(path);
  const user = userId ? await describeInvitee(userId, invitation.organizationId) : null;
  const isWrongAccount = Boolean(user && invitation.email && invitation.email.toLowerCase() !== user.email.toLowerCase());

  return (
    <Card>
      <h1 className="text-lg font-semibold">Join {invitation.organizationName} on Keel</h1>
      <p className="mt-2 text-sm text-slate-700">
        {invitation.inviterName} invited you to join <strong className="font-semibold text-slate-900">{invitation.organizationName}</strong> as{" "}
        <strong className="font-semibold text-slate-900">{ROLE_LABEL[invitation.role].toLowerCase()}</strong>.
        {invitation.email ? ` The invitation is for ${invitation.email}.` : ""} The link works until {formatDate(invitation.expiresAt)}.
      </p>
      {!user ? (
        <div className="mt-6 space-y-3">
          <Link href={`/signup?callbackUrl=${back}`} className={`${buttonClass("primary")} w-full`}>
            Create an account to join
          </Link>
          <Link href={`/signin?callbackUrl=${back}`} className={`${buttonClass("secondary")} w-full`}>
            Sign in to accept
          </Link>
        </div>
      ) : user.isMember ? (
        <div className="mt-6 space-y-3">
          <p className="text-sm text-slate-800">You are already a member of {invitation.organizationName}.</p>
          <Link href="/" className={`${buttonClass("secondary")} w-full`}>
            Go to Keel
          </Link>
        </div>
      ) : isWrongAccount ? (
        <div className="mt-6 space-y-3">
          <p className="text-sm text-slate-800">
            You are signed in as {user.email}. Sign in as {invitation.email} to accept this invitation.
          </p>
          <SwitchAccountButton callbackUrl={path} />
        </div>
      ) : (
        <>
          <p className="mt-4 text-sm text-slate-700">You are signed in as {user.email}.</p>
          <AcceptInvitationForm secret={secret} />
        </>
      )}
    </Card>
  );
}
