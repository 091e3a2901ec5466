"use client";

import { signOut } from "next-auth/react";
import { useActionState, useEffect } from "react";
import { signOutEverywhereAction } from "@/app/(app)/settings/profile/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";

export function SignOutEverywhere() {
  const [state, formAction, isPending] = useActionState<ActionState<void>, FormData>(signOutEverywhereAction, { status: "idle" });
  useEffect(() => {
    if (state.status === "success") void signOut({ callbackUrl: "/signin" });
  }, [state]);
  return (
    <form action={formAction} aria-labelledby="sessions-heading" className="max-w-xl space-y-3 rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200">
      <h2 id="sessions-heading" className="text-base font-semibold">
        Sessions
      </h2>
      <p className="text-sm text-slate-700">Lost a device, or signed in on a shared computer? Sign out of Keel on every browser and device, this one included.</p>
      <FormError id="sessions-error" message={state.status === "error" ? state.message : null} />
      <Button type="submit" variant="secondary" disabled={isPending || state.status === "success"}>
        {isPending || state.status === "success" ? "Signing out…" : "Sign out everywhere"}
      </Button>
    </form>
  );
}
