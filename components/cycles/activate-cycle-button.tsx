"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { useActionToast } from "@/components/ui/toast";
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
  const [state, formAction, isPending] = useActionState(action, { status: "idle" } as ActionState<T>);
  useActionToast(state, { errors: true });
  useEffect(() => {
    if (state.status === "success") router.push("/cycles");
  }, [state, router]);
  return (
    <form action={formAction}>
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
