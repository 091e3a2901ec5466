import { resendVerificationAction } from "@/app/(app)/settings/profile/actions";
import { ActionButton } from "@/components/ui/action-button";

/** Shown until the person follows the link mailed at sign-up: single sign-on cannot link to an unproven address. */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <section aria-label="Verify your email" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-300">
      <p className="flex-1">
        <strong className="font-semibold">Verify your email.</strong> We sent a link to {email}; open it to confirm the address is yours.
      </p>
      <ActionButton action={resendVerificationAction} fields={{}} label="Resend verification mail" pendingLabel="Sending…" />
    </section>
  );
}
