"use client";

import { useActionState, useEffect, useRef } from "react";
import { moveObjectiveAction } from "@/app/(app)/objectives/actions";
import { buttonClass } from "@/components/ui/button";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

type Direction = "up" | "down";

/** Move up / Move down for one objective in its team's planned order; each button names the objective it moves. */
export function ObjectiveMoveControls({ objectiveId, title, canMoveUp, canMoveDown }: { objectiveId: string; title: string; canMoveUp: boolean; canMoveDown: boolean }) {
  const [state, action, isPending] = useActionState(moveObjectiveAction, { status: "idle" } as ActionState<{ position: number; title: string; direction: Direction }>);
  useActionToast(state, { errors: true });
  const buttons = useRef<Partial<Record<Direction, HTMLButtonElement | null>>>({});
  const lastDirection = useRef<Direction>("up");

  // React re-inserts a moved row, which drops the focus, and the button just used disappears at the top or bottom.
  // Putting the focus back on this objective's controls lets a keyboard user move it several places in a row.
  useEffect(() => {
    if (state.status === "idle") return;
    const other: Direction = lastDirection.current === "up" ? "down" : "up";
    (buttons.current[lastDirection.current] ?? buttons.current[other])?.focus();
  }, [state]);

  if (!canMoveUp && !canMoveDown) return null;
  const button = (direction: Direction, label: string) => (
    <button
      ref={(el) => {
        buttons.current[direction] = el;
      }}
      type="submit"
      name="direction"
      value={direction}
      // aria-disabled rather than disabled: a disabled button loses the keyboard focus while the move is saved.
      aria-disabled={isPending || undefined}
      aria-label={`${label} “${title}”`}
      onClick={() => {
        lastDirection.current = direction;
      }}
      className={`${buttonClass("ghost", "sm")} aria-disabled:cursor-wait aria-disabled:opacity-60`}
    >
      {label}
    </button>
  );
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (isPending) event.preventDefault();
      }}
      className="flex gap-1 sm:justify-end"
    >
      <input type="hidden" name="objectiveId" value={objectiveId} />
      {canMoveUp ? button("up", "Move up") : null}
      {canMoveDown ? button("down", "Move down") : null}
    </form>
  );
}
