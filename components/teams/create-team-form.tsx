"use client";

import { useActionState } from "react";
import { createTeamAction } from "@/app/(app)/teams/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, TextInput } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { ParentOptions, type ParentOption } from "./parent-options";
import { CardSection } from "@/components/ui/card";

export function CreateTeamForm({ parents }: { parents: ParentOption[] }) {
  const [state, action, isPending] = useActionState(createTeamAction, { status: "idle" } as ActionState<{ id: string; name: string }>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <CardSection aria-labelledby="new-team">
      <h2 id="new-team" className="text-base font-semibold">
        New team
      </h2>
      <form action={action} className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <div className="sm:col-span-3">
          <FormError id="new-team-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
        </div>
        <Field id="team-name" label="Team name" errors={errors.name}>
          <TextInput id="team-name" name="name" defaultValue={values.name} errors={errors.name} maxLength={120} required />
        </Field>
        <Field id="team-parent" label="Parent team" errors={errors.parentId}>
          <Select key={values.parentId} id="team-parent" name="parentId" defaultValue={values.parentId ?? ""} errors={errors.parentId}>
            <ParentOptions options={parents} />
          </Select>
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Creating…" : "Create team"}
          </Button>
        </div>
      </form>
    </CardSection>
  );
}
