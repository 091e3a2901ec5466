"use client";

import { useTransition } from "react";
import { redeliverWebhookAction } from "@/app/(app)/settings/organization/webhooks/actions";
import { buttonClass } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/**
 * Queues a delivery again. The toast is raised from the submit itself: once queued, the row shows it waiting and this
 * button is gone by the time the result arrives.
 */
export function RedeliverButton({ deliveryId, accessibleLabel }: { deliveryId: string; accessibleLabel: string }) {
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  return (
    <form
      className="inline"
      action={(form) =>
        startTransition(async () => {
          const state = await redeliverWebhookAction({ status: "idle" }, form);
          if (state.status === "success" && state.message) toast(state.message);
          if (state.status === "error") toast(state.message, "error");
        })
      }
    >
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button type="submit" disabled={isPending} aria-label={accessibleLabel} className={buttonClass("secondary", "sm")}>
        {isPending ? "Queuing…" : "Redeliver"}
      </button>
    </form>
  );
}
