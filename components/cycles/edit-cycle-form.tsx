"use client";

import { useActionState } from "react";
import { updateCycleAction } from "@/app/(app)/cycles/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

/** Rename a cycle or move its dates (a closed cycle is the record and cannot change, so it gets no form). */
export function EditCycleForm({ cycle }: { cycle: { id: string; name: string; startDate: string; endDate: string } }) {
  const [state, action, isPending] = useActionState(updateCycleAction, { status: "idle" } as ActionState<{ id: string }>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const id = (field: string) => `cycle-${cycle.id}-${field}`;
  return (
    <details className="w-full rounded-md ring-1 ring-slate-200 open:p-3">
      <summary className="cursor-pointer px-2 py-1 text-sm font-medium text-brand-700">
        Edit <span className="sr-only">{cycle.name}</span>
      </summary>
      <form action={action} className="mt-2 grid gap-3 sm:grid-cols-4 sm:items-start">
        <input type="hidden" name="cycleId" value={cycle.id} />
        <FormError id={id("error")} message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
        <Field id={id("name")} label="Rename to" errors={errors.name}>
          <TextInput id={id("name")} name="name" defaultValue={values.name ?? cycle.name} errors={errors.name} required />
        </Field>
        <Field id={id("start")} label="Starts on" errors={errors.startDate}>
          <TextInput id={id("start")} name="startDate" type="date" defaultValue={values.startDate ?? cycle.startDate} errors={errors.startDate} required />
        </Field>
        <Field id={id("end")} label="Ends on" errors={errors.endDate}>
          <TextInput id={id("end")} name="endDate" type="date" defaultValue={values.endDate ?? cycle.endDate} errors={errors.endDate} required />
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Saving…" : "Save cycle"}
          </Button>
        </div>
      </form>
    </details>
  );
}
