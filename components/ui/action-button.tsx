"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action";
import { buttonClass, type ButtonVariant } from "./button";
import { ConfirmSubmit, type Confirmation } from "./confirm-submit";
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
  variant?: ButtonVariant;
  /** Asks in an AlertDialog before acting: a question alone, or a question with what will happen. */
  confirm?: string | Confirmation;
  /** A fuller name for screen readers when the visible label repeats down a list ("Remove" on every row). */
  accessibleLabel?: string;
}) {
  const [state, formAction, isPending] = useActionState(action, { status: "idle" } as ActionState<T>);
  useActionToast(state, { errors: true });
  const text = isPending ? (pendingLabel ?? `${label}…`) : label;
  return (
    <form action={formAction} className="inline">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirm ? (
        <ConfirmSubmit
          confirmation={typeof confirm === "string" ? { title: confirm, confirmLabel: label } : { confirmLabel: label, ...confirm }}
          variant={variant}
          size="sm"
          disabled={isPending}
          aria-label={accessibleLabel}
        >
          {text}
        </ConfirmSubmit>
      ) : (
        <button type="submit" disabled={isPending} aria-label={accessibleLabel} className={buttonClass(variant, "sm")}>
          {text}
        </button>
      )}
    </form>
  );
}
