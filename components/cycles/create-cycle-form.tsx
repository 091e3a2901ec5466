"use client";

import { useActionState, useState } from "react";
import { createCycleAction } from "@/app/(app)/cycles/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, TextInput } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { CardSection } from "@/components/ui/card";

export function CreateCycleForm({ quarters }: { quarters: string[] }) {
  const [state, action, isPending] = useActionState(createCycleAction, { status: "idle" } as ActionState<{ id: string; name: string }>);
  const [mode, setMode] = useState<"quarter" | "custom">("quarter");
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <CardSection aria-labelledby="new-cycle">
      <h2 id="new-cycle" className="text-base font-semibold">
        New cycle
      </h2>
      <fieldset className="mt-3 flex gap-4 text-sm">
        <legend className="sr-only">Kind of cycle</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="mode" checked={mode === "quarter"} onChange={() => setMode("quarter")} /> A calendar quarter
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="mode" checked={mode === "custom"} onChange={() => setMode("custom")} /> Custom dates
        </label>
      </fieldset>
      <form action={action} className="mt-3 grid gap-3 sm:grid-cols-4 sm:items-start">
        <FormError id="new-cycle-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
        {mode === "quarter" ? (
          <Field id="cycle-quarter" label="Quarter" errors={errors.quarter}>
            <Select id="cycle-quarter" name="quarter" defaultValue={values.quarter ?? quarters[1]} errors={errors.quarter}>
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {q.replace("-", " ")}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <>
            <Field id="cycle-name" label="Name" errors={errors.name}>
              <TextInput id="cycle-name" name="name" defaultValue={values.name} errors={errors.name} placeholder="FY2027" />
            </Field>
            <Field id="cycle-start" label="Start date" errors={errors.startDate}>
              <TextInput id="cycle-start" name="startDate" type="date" defaultValue={values.startDate} errors={errors.startDate} />
            </Field>
            <Field id="cycle-end" label="End date" errors={errors.endDate}>
              <TextInput id="cycle-end" name="endDate" type="date" defaultValue={values.endDate} errors={errors.endDate} />
            </Field>
          </>
        )}
        <div className="sm:pt-6">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Creating…" : "Create cycle"}
          </Button>
        </div>
      </form>
    </CardSection>
  );
}
