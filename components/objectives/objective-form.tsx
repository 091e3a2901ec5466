"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { createObjectiveAction } from "@/app/(app)/objectives/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, TextArea, TextInput } from "@/components/ui/field";
import { MemberPicker } from "@/components/ui/member-picker";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { AlignmentPicker } from "./alignment-picker";
import { cardClass } from "@/components/ui/card";

const LEVEL_LABEL = { company: "Company", team: "Team", personal: "Personal" } as const;

export interface TeamOption {
  id: string;
  label: string;
}

interface Props {
  cycleId: string;
  cycleName: string;
  teams: TeamOption[];
  me: { id: string; name: string };
  canCreateCompany: boolean;
  defaultTeamId: string | null;
}

export function ObjectiveForm({ cycleId, cycleName, teams, me, canCreateCompany, defaultTeamId }: Props) {
  const router = useRouter();
  const [state, action, isPending] = useActionState(createObjectiveAction, { status: "idle" } as ActionState<{ id: string; title: string }>);
  const [level, setLevel] = useState<"company" | "team" | "personal">(canCreateCompany ? "company" : "team");
  useActionToast(state);
  useEffect(() => {
    if (state.status === "success") router.push(`/objectives/${state.data.id}`);
  }, [state, router]);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const parentErrors = errors.parent ?? errors.parentObjectiveId ?? errors.parentKeyResultId;

  return (
    <form action={action} className={`space-y-4 p-5 ${cardClass}`}>
      <input type="hidden" name="cycleId" value={cycleId} />
      <FormError id="objective-form-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
      <p className="text-sm text-slate-700">
        Cycle: <strong>{cycleName}</strong>
      </p>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Level</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {(["company", "team", "personal"] as const)
            .filter((l) => l !== "company" || canCreateCompany)
            .map((l) => (
              <label key={l} className="flex items-center gap-1.5">
                <input type="radio" name="level" value={l} checked={level === l} onChange={() => setLevel(l)} /> {LEVEL_LABEL[l]}
              </label>
            ))}
        </div>
      </fieldset>
      {level !== "company" ? (
        <Field id="objective-team" label={level === "team" ? "Which team" : "Home team (optional)"} errors={errors.teamId}>
          <Select id="objective-team" name="teamId" defaultValue={values.teamId ?? defaultTeamId ?? ""} errors={errors.teamId}>
            <option value="">{level === "team" ? "Choose a team" : "None"}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field id="objective-title" label="Objective" errors={errors.title} hint="Qualitative and inspiring: what do you want to achieve?">
        <TextInput id="objective-title" name="title" defaultValue={values.title} errors={errors.title} hint required />
      </Field>
      <Field id="objective-why" label="Why it matters" errors={errors.whyItMatters}>
        <TextArea id="objective-why" name="whyItMatters" defaultValue={values.whyItMatters} errors={errors.whyItMatters} />
      </Field>
      <MemberPicker id="objective-owner" name="ownerId" label="Owner" initial={{ value: me.id, label: me.name }} errors={errors.ownerId} />
      <AlignmentPicker cycleId={cycleId} errors={parentErrors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="objective-kind" label="Kind" errors={errors.kind}>
          <Select id="objective-kind" name="kind" defaultValue={values.kind ?? "committed"}>
            <option value="committed">Committed: we will do it</option>
            <option value="aspirational">Aspirational: a stretch</option>
          </Select>
        </Field>
        <Field id="objective-state" label="State" errors={errors.state}>
          <Select id="objective-state" name="state" defaultValue={values.state ?? "active"}>
            <option value="active">Active</option>
            <option value="draft">Draft</option>
          </Select>
        </Field>
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Creating…" : "Create objective"}
      </Button>
    </form>
  );
}
