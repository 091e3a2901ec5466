"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { signUpAction, signUpForInvitationAction } from "@/app/(auth)/signup/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";

interface Props {
  callbackUrl: string;
  /** Set when the person came from an invitation link: they join that organisation instead of creating one. */
  invitation?: { secret: string; email: string | null } | null;
}

export function SignUpForm({ callbackUrl, invitation = null }: Props) {
  const router = useRouter();
  const [state, formAction, isPending] = useActionState<ActionState<{ email: string }>, FormData>(invitation ? signUpForInvitationAction : signUpAction, { status: "idle" });
  // React clears the form once its action has run, so keep the password for the sign-in that follows.
  const password = useRef("");
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};

  useEffect(() => {
    if (state.status !== "success") return;
    // The account exists now; sign in with what was just typed so the person lands where they were going.
    void signIn("credentials", { email: state.data.email, password: password.current, redirect: false }).then((result) => {
      router.replace(result && !result.error ? callbackUrl : "/signin");
      router.refresh();
    });
  }, [state, callbackUrl, router]);

  const formMessage = state.status === "error" && !Object.keys(errors).length ? state.message : null;

  return (
    <form action={formAction} onSubmit={(event) => { password.current = String(new FormData(event.currentTarget).get("password") ?? ""); }} className="mt-4 space-y-3" noValidate>
      <FormError id="signup-error" message={formMessage} />
      {invitation ? <input type="hidden" name="invitation" value={invitation.secret} /> : null}
      <Field id="name" label="Your name" errors={errors.name}>
        <TextInput id="name" autoComplete="name" defaultValue={values.name} errors={errors.name} required />
      </Field>
      <Field id="email" label="Work email" errors={errors.email}>
        <TextInput id="email" type="email" autoComplete="email" defaultValue={values.email ?? invitation?.email ?? undefined} errors={errors.email} required />
      </Field>
      <Field id="password" label="Password" errors={errors.password} hint="At least 10 characters, mixing letters with numbers or symbols.">
        <TextInput id="password" type="password" autoComplete="new-password" errors={errors.password} hint required />
      </Field>
      {invitation ? null : (
        <Field id="organizationName" label="Organisation name" errors={errors.organizationName}>
          <TextInput id="organizationName" autoComplete="organization" defaultValue={values.organizationName} errors={errors.organizationName} required />
        </Field>
      )}
      <Button type="submit" className="w-full" disabled={isPending || state.status === "success"}>
        {isPending || state.status === "success" ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
