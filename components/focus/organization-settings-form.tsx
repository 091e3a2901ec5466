"use client";

import { updateOrganizationSettingsAction } from "@/app/(app)/settings/organization/actions";
import { useFormAction } from "@/components/objectives/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import { FOCUS_LIMIT_MAX, FOCUS_LIMIT_MIN } from "@/lib/focus/schemas";

export interface OrganizationSettings {
  name: string;
  maxObjectivesPerTeam: number;
  maxKeyResultsPerObjective: number;
  maxKeyResultsPerPerson: number;
}

const LIMITS = [
  { key: "maxObjectivesPerTeam", label: "Objectives per team", hint: "Active and draft objectives of one team in a cycle." },
  { key: "maxKeyResultsPerObjective", label: "Key results per objective", hint: "Key results under one objective." },
  { key: "maxKeyResultsPerPerson", label: "Key results per person", hint: "Key results one person owns in a cycle." },
] as const;

export function OrganizationSettingsForm({ settings }: { settings: OrganizationSettings }) {
  const { formAction, isPending, errors, values, formMessage } = useFormAction(updateOrganizationSettingsAction);
  return (
    <form action={formAction} className="space-y-4" aria-labelledby="org-settings-heading">
      <FormError id="org-settings-error" message={formMessage} />
      <div className="max-w-md">
        <Field id="org-name" label="Organisation name" errors={errors.name}>
          <TextInput id="org-name" name="name" defaultValue={values.name ?? settings.name} errors={errors.name} maxLength={120} required />
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Focus limits</legend>
        <p className="text-sm text-slate-700">
          Keel does not refuse more; it marks teams, objectives and people past these limits on the review page and the alignment tree.
        </p>
        <div className="mt-3 grid gap-4 sm:grid-cols-3">
          {LIMITS.map((limit) => (
            <Field key={limit.key} id={`limit-${limit.key}`} label={limit.label} errors={errors[limit.key]} hint={limit.hint}>
              <TextInput
                id={`limit-${limit.key}`}
                name={limit.key}
                type="number"
                inputMode="numeric"
                min={FOCUS_LIMIT_MIN}
                max={FOCUS_LIMIT_MAX}
                step={1}
                defaultValue={values[limit.key] ?? settings[limit.key]}
                errors={errors[limit.key]}
                hint
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
