"use client";

import { useActionState } from "react";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

/** A form's action state with its toast, its field errors and the values to show again after an error. */
export function useFormAction<T>(action: (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>) {
  const [state, formAction, isPending] = useActionState(action, { status: "idle" } as ActionState<T>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const formMessage = state.status === "error" && !Object.keys(errors).length ? state.message : state.status === "error" && state.code === "conflict" ? state.message : null;
  return { state, formAction, isPending, errors, values, formMessage };
}
