"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { changePasswordAction } from "@/app/(app)/settings/profile/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";

export function ChangePasswordForm() {
  const router = useRouter();
  const [state, formAction, isPending] = useActionState<ActionState<{ email: string }>, FormData>(changePasswordAction, { status: "idle" });
  // React clears the form once its action has run; the new password signs this browser in again.
  const newPassword = useRef("");
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (state.status !== "success") return;
    // The change ended every session, this one included; a fresh sign-in keeps this browser signed in.
    void signIn("credentials", { email: state.data.email, password: newPassword.current, redirect: false }).then((result) => {
      if (result && !result.error) {
        setNotice("Password changed. Every other device has been signed out.");
        router.refresh();
      } else {
        router.replace("/signin");
      }
    });
  }, [state, router]);

  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        newPassword.current = String(new FormData(event.currentTarget).get("newPassword") ?? "");
        setNotice(null);
      }}
      aria-labelledby="change-password-heading"
      className="max-w-xl space-y-4 rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200"
      noValidate
    >
      <h2 id="change-password-heading" className="text-base font-semibold">
        Change password
      </h2>
      <FormError id="change-password-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
      <Field id="current-password" label="Current password" errors={errors.currentPassword}>
        <TextInput id="current-password" name="currentPassword" type="password" autoComplete="current-password" required errors={errors.currentPassword} />
      </Field>
      <Field id="new-password" label="New password" errors={errors.newPassword} hint="At least 10 characters, mixing letters with numbers or symbols.">
        <TextInput id="new-password" name="newPassword" type="password" autoComplete="new-password" required errors={errors.newPassword} hint />
      </Field>
      {notice ? (
        <p role="status" className="text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      <Button type="submit" disabled={isPending}>
        {isPending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
