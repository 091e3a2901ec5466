"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, isPending] = useActionState<ActionState<{ email: string }>, FormData>(resetPasswordAction, { status: "idle" });
  if (state.status === "success") {
    return (
      <div role="status" className="mt-4 space-y-3 text-sm text-slate-700">
        <p>Your password has been changed, and every device that was signed in has been signed out.</p>
        <p>
          <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/signin">
            Sign in with your new password
          </Link>
        </p>
      </div>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="mt-4 space-y-3" noValidate>
      <FormError id="reset-error" message={state.status === "error" && !errors.password ? state.message : null} />
      <input type="hidden" name="token" value={token} />
      <Field id="password" label="New password" errors={errors.password} hint="At least 10 characters, mixing letters with numbers or symbols.">
        <TextInput id="password" name="password" type="password" autoComplete="new-password" required autoFocus errors={errors.password} hint />
      </Field>
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
