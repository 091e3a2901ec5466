"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action";
import { buttonClass } from "./button";
import { useActionToast } from "./toast";

/** A one-button form for a server action (activate, remove...), with its result as a toast. */
export function ActionButton<T>({
  action,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
  accessibleLabel,
}: {
  action: (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  confirm?: string;
  /** A fuller name for screen readers when the visible label repeats down a list ("Remove" on every row). */
  accessibleLabel?: string;
}) {
  const [state, formAction, isPending] = useActionState(action, { status: "idle" } as ActionState<T>);
  useActionToast(state, { errors: true });
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
      className="inline"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={isPending} aria-label={accessibleLabel} className={buttonClass(variant, "sm")}>
        {isPending ? (pendingLabel ?? `${label}…`) : label}
      </button>
    </form>
  );
}
