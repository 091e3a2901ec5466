"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/invite/[token]/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";
import type { RoleName } from "@/lib/members/schemas";

type Joined = ActionState<{ organizationId: string; organizationName: string; role: RoleName }>;

export function AcceptInvitationForm({ secret }: { secret: string }) {
  const router = useRouter();
  // Navigates from inside the action rather than from an effect: the refreshed invite page no longer shows this
  // form once the invitation is used, so an effect would never run.
  const [state, action, isPending] = useActionState(async (previous: Joined, form: FormData): Promise<Joined> => {
    const result = await acceptInvitationAction(previous, form);
    if (result.status === "success") router.replace("/");
    return result;
  }, { status: "idle" });
  const isDone = state.status === "success";
  return (
    <form action={action} className="mt-6 space-y-3">
      <FormError id="accept-error" message={state.status === "error" ? state.message : null} />
      <input type="hidden" name="secret" value={secret} />
      <Button type="submit" className="w-full" disabled={isPending || isDone}>
        {isDone ? `Opening ${state.data.organizationName}…` : isPending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}

/** For someone signed in with another account than the one invited: sign out, then come back to this link. */
export function SwitchAccountButton({ callbackUrl }: { callbackUrl: string }) {
  return (
    <Button variant="secondary" className="w-full" onClick={() => signOut({ callbackUrl: `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` })}>
      Sign out and use another account
    </Button>
  );
}
