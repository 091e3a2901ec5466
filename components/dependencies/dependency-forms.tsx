"use client";

import { addDependencyAction, addSupportAction } from "@/app/(app)/objectives/actions";
import { AlignmentPicker } from "@/components/objectives/alignment-picker";
import { useFormAction } from "@/components/objectives/use-form-action";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

/** Names another key result (usually another team's) this one cannot succeed without. */
export function AddDependencyForm({ keyResult, cycleId, objectiveId }: { keyResult: { id: string; title: string }; cycleId: string; objectiveId: string }) {
  const { state, formAction, isPending, errors, formMessage } = useFormAction(addDependencyAction);
  const key = state.status === "success" ? state.at : 0;
  return (
    <form key={key} action={formAction} className="mt-2 space-y-2" aria-label={`New dependency for ${keyResult.title}`}>
      <input type="hidden" name="keyResultId" value={keyResult.id} />
      <FormError id={`dep-${keyResult.id}-form-error`} message={formMessage} />
      <AlignmentPicker
        id={`dep-${keyResult.id}`}
        name="dependsOn"
        label="Depends on the key result"
        cycleId={cycleId}
        excludeObjectiveId={objectiveId}
        onlyKeyResults
        allowClear={false}
        placeholder="Search key results of other objectives"
        errors={errors.dependsOn ?? errors.dependsOnId}
      />
      <Button type="submit" size="sm" disabled={isPending}>
        {isPending ? "Saving…" : "Add dependency"}
      </Button>
    </form>
  );
}

/** Names another objective or key result this objective also helps, besides the one it is aligned beneath. */
export function AddSupportForm({ objective }: { objective: { id: string; title: string; cycleId: string } }) {
  const { state, formAction, isPending, errors, formMessage } = useFormAction(addSupportAction);
  const key = state.status === "success" ? state.at : 0;
  return (
    <form key={key} action={formAction} className="mt-2 space-y-2" aria-label={`What ${objective.title} also supports`}>
      <input type="hidden" name="objectiveId" value={objective.id} />
      <FormError id="support-error" message={formMessage} />
      <AlignmentPicker
        id="support-target"
        name="target"
        label="Also supports"
        cycleId={objective.cycleId}
        excludeObjectiveId={objective.id}
        allowClear={false}
        placeholder="Search objectives and key results of this cycle"
        errors={errors.target ?? errors.supportsObjectiveId ?? errors.supportsKeyResultId}
      />
      <Button type="submit" size="sm" disabled={isPending}>
        {isPending ? "Saving…" : "Add support"}
      </Button>
    </form>
  );
}
