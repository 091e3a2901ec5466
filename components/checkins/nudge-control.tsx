"use client";

import { useActionState, useEffect, useRef } from "react";
import { nudgeAction } from "@/app/(app)/teams/[id]/check-ins/actions";
import { buttonClass } from "@/components/ui/button";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

/**
 * The lead's "Nudge" button for one person. It stays mounted after the nudge (showing who nudged), so the
 * confirmation toast still appears when the refreshed page no longer offers the button.
 */
export function NudgeControl({ teamId, userId, name, nudgedBy }: { teamId: string; userId: string; name: string; nudgedBy: string | null }) {
  const [state, formAction, isPending] = useActionState(nudgeAction, { status: "idle" } as ActionState<{ name: string }>);
  useActionToast(state, { errors: true });
  const status = useRef<HTMLSpanElement>(null);
  const justNudged = state.status === "success" && Boolean(nudgedBy);
  useEffect(() => {
    // The button the person pressed is gone: keep their place on the row.
    if (justNudged) status.current?.focus();
  }, [justNudged]);

  if (nudgedBy) {
    return (
      <span ref={status} tabIndex={-1} className="text-xs text-slate-700">
        Nudged by {nudgedBy}
      </span>
    );
  }
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={isPending} aria-label={`Nudge ${name}`} className={buttonClass("secondary", "sm")}>
        {isPending ? "Nudging…" : "Nudge"}
      </button>
    </form>
  );
}
