"use client";

import { useFormAction } from "@/components/objectives/use-form-action";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action";
import { QUALITY_RULES } from "@/lib/quality/rules";

/** A checkbox per quality coach rule, ticked while the rule is on. `action` is updateQualityRulesAction. */
export function QualityRulesForm<T>({ action, disabledRules }: { action: (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>; disabledRules: readonly string[] }) {
  const { formAction, isPending, errors, formMessage } = useFormAction(action);
  const ruleErrors = errors.enabledRules;
  return (
    <form action={formAction} className="space-y-4" aria-labelledby="quality-heading">
      <FormError id="quality-rules-error" message={formMessage} />
      {/* Sends the list even when every box is clear: an empty list means every rule is off, not "no change". */}
      <input type="hidden" name="enabledRules[]" value="" />
      <fieldset aria-describedby={ruleErrors?.length ? "quality-rules-field-error" : "quality-rules-hint"}>
        <legend className="text-sm font-semibold text-slate-900">Rules the coach applies</legend>
        <p id="quality-rules-hint" className="text-sm text-slate-700">
          The coach never blocks a save: it suggests, in the objective and key result forms and on each cycle’s planning check.
        </p>
        <ul className="mt-3 space-y-3">
          {QUALITY_RULES.map((rule) => (
            <li key={rule.id}>
              <label className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="enabledRules[]"
                  value={rule.id}
                  defaultChecked={!disabledRules.includes(rule.id)}
                  className="mt-1"
                  aria-describedby={`quality-rule-${rule.id}`}
                />
                <span>
                  <span className="font-medium text-slate-900">{rule.label}</span>
                  <span id={`quality-rule-${rule.id}`} className="block text-slate-700">
                    {rule.description}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <p id="quality-rules-field-error" aria-live="polite" className="mt-1 text-sm text-red-700">
          {ruleErrors?.[0] ?? ""}
        </p>
      </fieldset>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save quality coach"}
      </Button>
    </form>
  );
}
