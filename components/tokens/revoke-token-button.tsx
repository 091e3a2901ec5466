"use client";

import { useTransition } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { useToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

/**
 * Revoke, confirmed first. The toast is raised from the submit itself rather than from an effect of this button:
 * a revoked token leaves the list, so the button is gone by the time the result arrives.
 */
export function RevokeTokenButton<T>({
  action,
  tokenId,
  name,
  accessibleLabel,
}: {
  action: (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  tokenId: string;
  name: string;
  accessibleLabel: string;
}) {
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  return (
    <form
      action={(form) =>
        startTransition(async () => {
          const state = await action({ status: "idle" }, form);
          if (state.status === "success" && state.message) toast(state.message);
          if (state.status === "error") toast(state.message, "error");
        })
      }
      className="inline"
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <ConfirmSubmit
        confirmation={{ title: `Revoke “${name}”?`, description: "Anything using this token stops working at once. This cannot be undone; create a new token if you need one again.", confirmLabel: "Revoke token" }}
        variant="ghost"
        size="sm"
        disabled={isPending}
        aria-label={accessibleLabel}
      >
        {isPending ? "Revoking…" : "Revoke"}
      </ConfirmSubmit>
    </form>
  );
}
