"use client";

import { useActionState } from "react";
import { requestPasswordResetAction } from "@/app/(auth)/forgot-password/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";

export function ForgotPasswordForm() {
  const [state, formAction, isPending] = useActionState<ActionState<{ email: string }>, FormData>(requestPasswordResetAction, { status: "idle" });
  if (state.status === "success") {
    return (
      <p role="status" className="mt-4 text-sm text-slate-700">
        If an account exists for <strong className="font-semibold text-slate-900">{state.data.email}</strong>, we sent it a link to choose a new
        password. The link works once, for one hour.
      </p>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} className="mt-4 space-y-3" noValidate>
      <FormError id="forgot-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
      <Field id="email" label="Email" errors={errors.email}>
        <TextInput id="email" name="email" type="email" autoComplete="email" required autoFocus errors={errors.email} defaultValue={state.status === "error" ? state.values.email : undefined} />
      </Field>
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
