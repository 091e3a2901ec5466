"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { useToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

/**
 * The end of the planning check: activates the cycle after one more question, then goes back to the cycles, where
 * activating started. `missing` is how many things the check still lists, repeated in the question.
 */
export function ActivateCycleButton<T>({
  action,
  cycle,
  missing,
}: {
  action: (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  cycle: { id: string; name: string };
  missing: number;
}) {
  const router = useRouter();
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  // Called directly rather than through useActionState: the action refreshes this page, where an active cycle has no
  // activate button, so this component is gone before an effect watching its state could toast and go back.
  const activate = (form: FormData) =>
    startTransition(async () => {
      const state = await action({ status: "idle" }, form);
      if (state.status === "success") {
        if (state.message) toast(state.message);
        router.push("/cycles");
      } else if (state.status === "error") {
        toast(state.message, "error");
      }
    });
  return (
    <form action={activate}>
      <input type="hidden" name="cycleId" value={cycle.id} />
      <ConfirmSubmit
        variant="primary"
        disabled={isPending}
        confirmation={{
          title: `Activate ${cycle.name}?`,
          description: (
            <>
              {missing > 0 ? <p className="mb-2">The planning check above still lists {missing === 1 ? "one thing" : `${missing} things`} to look at; activating does not wait for them.</p> : null}
              <p>Its objectives go live: everyone starts checking in against them, and it cannot go back to planning. If no other cycle is active, it becomes the default view.</p>
            </>
          ),
          confirmLabel: "Activate cycle",
          tone: "primary",
        }}
      >
        {isPending ? "Activating…" : `Activate ${cycle.name}`}
      </ConfirmSubmit>
    </form>
  );
}
