"use client";

import Link from "next/link";
import { useActionState } from "react";
import { verifyEmailAction } from "@/app/(auth)/verify-email/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";

export function VerifyEmailForm({ token }: { token: string }) {
  const [state, formAction, isPending] = useActionState<ActionState<{ email: string }>, FormData>(verifyEmailAction, { status: "idle" });
  if (state.status === "success") {
    return (
      <div role="status" className="mt-4 space-y-3 text-sm text-slate-700">
        <p>
          <strong className="font-semibold text-slate-900">{state.data.email}</strong> is verified.
        </p>
        <p>
          <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/">
            Continue to Keel
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="mt-4 space-y-3">
      <FormError id="verify-error" message={state.status === "error" ? state.message : null} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Verifying…" : "Verify my email"}
      </Button>
    </form>
  );
}
