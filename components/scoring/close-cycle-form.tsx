"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { closeCycleWithSummaryAction } from "@/app/(app)/cycles/[id]/close/actions";
import { useFormAction } from "@/components/objectives/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextArea } from "@/components/ui/field";
import { SUMMARY_MAX_LENGTH } from "@/lib/scoring/schemas";

interface Props {
  cycleId: string;
  cycleName: string;
  summary: string;
  unscored: number;
  isActive: boolean;
}

/**
 * The admin's last step: the cycle summary, then "Close the cycle". While key results are unscored the server
 * refuses that, and a separate, plainly labelled "Close anyway" is offered instead of a hidden override.
 * It stays mounted once the cycle is closed (showing nothing), so it is still there to open the summary when the
 * page refreshes with the cycle closed.
 */
export function CloseCycleSection({ cycleId, cycleName, summary, unscored, isActive }: Props) {
  const { state, formAction, isPending, errors, values, formMessage } = useFormAction(closeCycleWithSummaryAction);
  const router = useRouter();
  useEffect(() => {
    if (state.status === "success") router.push(`/cycles/${cycleId}/summary`);
  }, [state, cycleId, router]);
  if (!isActive) return null;

  return (
    <section aria-labelledby="close-heading" className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200">
      <h2 id="close-heading" className="text-base font-semibold">
        Summary and closing
      </h2>
      <form action={formAction} className="mt-3 space-y-3" aria-labelledby="close-heading">
        <input type="hidden" name="cycleId" value={cycleId} />
        <FormError id="close-cycle-error" message={formMessage} />
        <Field
          id="cycle-summary"
          label="Cycle summary"
          errors={errors.summary}
          hint="What this cycle achieved and what the next one should carry forward. Everyone sees it on the summary page."
        >
          <TextArea
            id="cycle-summary"
            name="summary"
            rows={5}
            maxLength={SUMMARY_MAX_LENGTH}
            defaultValue={values.summary ?? summary}
            errors={errors.summary}
            aria-describedby={errors.summary?.length ? "cycle-summary-error" : "cycle-summary-hint"}
          />
        </Field>
        <p className="text-sm text-slate-700">Closing makes {cycleName} read-only for everyone. It cannot be reopened.</p>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" name="force" value="false" disabled={isPending}>
            {isPending ? "Closing…" : "Close the cycle"}
          </Button>
          {unscored > 0 ? (
            <Button type="submit" name="force" value="true" variant="danger" disabled={isPending} aria-describedby="close-anyway-note">
              Close anyway
            </Button>
          ) : null}
        </div>
        {unscored > 0 ? (
          <p id="close-anyway-note" className="text-sm text-amber-900">
            “Close anyway” closes with {unscored} key result{unscored === 1 ? "" : "s"} left unscored; they stay unscored for good.
          </p>
        ) : null}
      </form>
    </section>
  );
}
