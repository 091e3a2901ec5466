"use client";

import { useActionState } from "react";
import { moveTeamAction, renameTeamAction } from "@/app/(app)/teams/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, TextInput } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { ParentOptions, type ParentOption } from "./parent-options";

function useTeamForm(action: (state: ActionState<string>, form: FormData) => Promise<ActionState<string>>) {
  const [state, formAction, isPending] = useActionState(action, { status: "idle" } as ActionState<string>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const formMessage = state.status === "error" && !Object.keys(errors).length ? state.message : null;
  return { state, formAction, isPending, errors, formMessage };
}

export function RenameTeamForm({ teamId, name }: { teamId: string; name: string }) {
  const { state, formAction, isPending, errors, formMessage } = useTeamForm(renameTeamAction);
  const typed = state.status === "error" ? state.values.name : undefined;
  return (
    <form action={formAction} className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-start" aria-labelledby="rename-team-heading">
      <h3 id="rename-team-heading" className="sr-only">
        Rename team
      </h3>
      <input type="hidden" name="teamId" value={teamId} />
      <div className="sm:col-span-2">
        <FormError id="rename-team-error" message={formMessage} />
      </div>
      <Field id="rename-team" label="Team name" errors={errors.name}>
        <TextInput key={`${name}-${typed ?? ""}`} id="rename-team" name="name" defaultValue={typed ?? name} errors={errors.name} maxLength={120} required />
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Renaming…" : "Rename"}
        </Button>
      </div>
    </form>
  );
}

export function MoveTeamForm({ teamId, parentId, parents }: { teamId: string; parentId: string | null; parents: ParentOption[] }) {
  const { state, formAction, isPending, errors, formMessage } = useTeamForm(moveTeamAction);
  const chosen = state.status === "error" ? (state.values.parentId ?? "") : (parentId ?? "");
  return (
    <form action={formAction} className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-start" aria-labelledby="move-team-heading">
      <h3 id="move-team-heading" className="sr-only">
        Move team
      </h3>
      <input type="hidden" name="teamId" value={teamId} />
      <div className="sm:col-span-2">
        <FormError id="move-team-error" message={formMessage} />
      </div>
      <Field id="move-team-parent" label="Parent team" errors={errors.parentId}>
        <Select key={chosen} id="move-team-parent" name="parentId" defaultValue={chosen} errors={errors.parentId}>
          <ParentOptions options={parents} />
        </Select>
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Moving…" : "Move"}
        </Button>
      </div>
    </form>
  );
}
