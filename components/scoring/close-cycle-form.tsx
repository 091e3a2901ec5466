"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { closeCycleWithSummaryAction } from "@/app/(app)/cycles/[id]/close/actions";
import { useFormAction } from "@/components/objectives/use-form-action";
import { CardSection, CardTitle } from "@/components/ui/card";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { Field, FormError, TextArea } from "@/components/ui/field";
import { SUMMARY_MAX_LENGTH } from "@/lib/scoring/schemas";

interface Props {
  cycleId: string;
  cycleName: string;
  summary: string;
  unscored: number;
  /** Whole days until the cycle's planned end; 0 once it has ended. */
  daysLeft: number;
  /** The planned end, as people read it. */
  endsOn: string;
  isActive: boolean;
}

/**
 * The admin's last step: the cycle summary, then "Close the cycle", confirmed in a dialog that says it cannot be
 * undone and warns about days left and unscored key results. While key results are unscored the server refuses a
 * plain close, so the dialog then offers a plainly labelled "Close anyway" instead of a hidden override.
 * It stays mounted once the cycle is closed (showing nothing), so it is still there to open the summary when the
 * page refreshes with the cycle closed.
 */
export function CloseCycleSection({ cycleId, cycleName, summary, unscored, daysLeft, endsOn, isActive }: Props) {
  const { state, formAction, isPending, errors, values, formMessage } = useFormAction(closeCycleWithSummaryAction);
  const router = useRouter();
  useEffect(() => {
    if (state.status === "success") router.push(`/cycles/${cycleId}/summary`);
    // A refusal usually means the counts on this page are stale (a score was cleared meanwhile): redraw them.
    if (state.status === "error") router.refresh();
  }, [state, cycleId, router]);
  if (!isActive) return null;

  const unscoredText = `${unscored} key result${unscored === 1 ? " has" : "s have"} no score`;
  return (
    <CardSection aria-labelledby="close-heading">
      <CardTitle id="close-heading">Summary and closing</CardTitle>
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
        <ConfirmSubmit
          variant="primary"
          disabled={isPending}
          name="force"
          value={unscored > 0 ? "true" : "false"}
          confirmation={{
            title: `Close ${cycleName}?`,
            confirmLabel: unscored > 0 ? "Close anyway" : "Close the cycle",
            description: (
              <>
                <p>This cannot be undone: {cycleName} becomes read-only for everyone and cannot be reopened.</p>
                {daysLeft > 0 ? (
                  <p data-testid="close-warning-days" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">
                    It still has {daysLeft} day{daysLeft === 1 ? "" : "s"} left: it was planned to run until {endsOn}.
                  </p>
                ) : null}
                {unscored > 0 ? (
                  <p data-testid="close-warning-unscored" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">
                    {unscoredText}. {unscored === 1 ? "It stays" : "They stay"} unscored for good.
                  </p>
                ) : null}
              </>
            ),
          }}
        >
          {isPending ? "Closing…" : "Close the cycle"}
        </ConfirmSubmit>
      </form>
    </CardSection>
  );
}
