"use client";

import { useActionState } from "react";
import { addTeamMemberAction } from "@/app/(app)/teams/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select } from "@/components/ui/field";
import { MemberPicker } from "@/components/ui/member-picker";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

export function AddTeamMemberForm({ teamId }: { teamId: string }) {
  const [state, action, isPending] = useActionState(addTeamMemberAction, { status: "idle" } as ActionState<{ team: string; name: string; role: "lead" | "member" }>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <form action={action} aria-labelledby="add-member-heading" className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      <h3 id="add-member-heading" className="text-sm font-semibold text-slate-900">
        Add a member
      </h3>
      <input type="hidden" name="teamId" value={teamId} />
      <FormError id="add-member-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
      {/* A new key after each success clears the picker for the next person. */}
      <div key={state.status === "success" ? state.at : "picker"} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
        <MemberPicker id="add-member-person" name="userId" label="Person" errors={errors.userId} />
        <Field id="add-member-role" label="Role in the team" errors={errors.role}>
          <Select id="add-member-role" name="role" defaultValue={values.role ?? "member"} errors={errors.role}>
            <option value="member">Member</option>
            <option value="lead">Lead</option>
          </Select>
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Adding…" : "Add member"}
          </Button>
        </div>
      </div>
    </form>
  );
}
