"use client";

import Link from "next/link";
import { saveObjectiveClosingAction } from "@/app/(app)/cycles/[id]/close/actions";
import { useFormAction } from "@/components/objectives/use-form-action";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, inputClass, TextArea } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress";
import type { ScoringObjective } from "@/lib/scoring/queries";
import { formatScore } from "@/lib/scoring/score";
import { scoreFieldName } from "@/lib/scoring/schemas";
import { CardSection } from "@/components/ui/card";

const KIND_LABEL = { committed: "Committed", aspirational: "Aspirational" } as const;

/**
 * One objective on the closing page: a score per key result (prefilled with the saved score, else the suggestion
 * from progress), what went well and what was learned, and one Save for all of it. What the viewer may not
 * change is shown as text.
 */
export function ObjectiveClosingForm({ objective }: { objective: ScoringObjective }) {
  const { formAction, isPending, errors, values, formMessage } = useFormAction(saveObjectiveClosingAction);
  const headingId = `objective-${objective.id}`;
  const canSave = objective.canEditRetro || objective.keyResults.some((kr) => kr.canScore);
  const body = (
    <>
      <ul className="divide-y divide-slate-100">
        {objective.keyResults.map((kr) => {
          const field = scoreFieldName(kr.id);
          const inputId = `score-${kr.id}`;
          const fieldErrors = errors[field];
          return (
            <li key={kr.id} data-testid="scoring-key-result" className="grid gap-2 py-3 sm:grid-cols-[1fr_10rem_9rem] sm:items-start">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{kr.title}</p>
                <p className="text-xs text-slate-700">
                  {kr.owner.name} · suggested <span data-testid="suggested-score">{kr.suggestedScore}</span>
                </p>
              </div>
              <ProgressBar value={kr.progress} label={`Progress of ${kr.title}`} size="sm" />
              {kr.canScore ? (
                <div className="space-y-1">
                  <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
                    Score<span className="sr-only"> for {kr.title}</span>
                  </label>
                  <input
                    id={inputId}
                    name={field}
                    inputMode="decimal"
                    autoComplete="off"
                    defaultValue={values[field] ?? (kr.score !== null ? formatScore(kr.score) : kr.suggestedScore)}
                    aria-invalid={fieldErrors?.length ? true : undefined}
                    aria-describedby={describedBy(inputId, fieldErrors, true)}
                    className={inputClass}
                  />
                  {!fieldErrors?.length ? (
                    <p id={`${inputId}-hint`} className="text-xs text-slate-600">
                      {kr.score !== null ? "Saved" : "Not saved yet"} · 0.0 to 1.0
                    </p>
                  ) : null}
                  <p id={`${inputId}-error`} aria-live="polite" className="text-sm text-red-700">
                    {fieldErrors?.[0] ?? ""}
                  </p>
                </div>
              ) : (
                <p className="text-sm text-slate-800">
                  Score <strong data-testid="score">{kr.score !== null ? formatScore(kr.score) : "not yet"}</strong>
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {objective.keyResults.length === 0 ? <p className="py-2 text-sm text-slate-700">This objective has no key results to score.</p> : null}

      {objective.canEditRetro ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <input type="hidden" name="hasRetro" value="1" />
          <Field id={`went-well-${objective.id}`} label="What went well" errors={errors["retro.wentWell"]}>
            <TextArea
              id={`went-well-${objective.id}`}
              name="wentWell"
              maxLength={4000}
              defaultValue={values.wentWell ?? objective.retroWentWell}
              errors={errors["retro.wentWell"]}
            />
          </Field>
          <Field id={`learned-${objective.id}`} label="What we learned" errors={errors["retro.learned"]}>
            <TextArea
              id={`learned-${objective.id}`}
              name="learned"
              maxLength={4000}
              defaultValue={values.learned ?? objective.retroLearned}
              errors={errors["retro.learned"]}
            />
          </Field>
        </div>
      ) : objective.retroWentWell || objective.retroLearned ? (
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-slate-800">What went well</dt>
            <dd className="whitespace-pre-line text-slate-900">{objective.retroWentWell || "—"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-800">What we learned</dt>
            <dd className="whitespace-pre-line text-slate-900">{objective.retroLearned || "—"}</dd>
          </div>
        </dl>
      ) : null}
    </>
  );

  return (
    <CardSection aria-labelledby={headingId} data-testid="scoring-objective">
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        <Link href={`/objectives/${objective.id}`} className="hover:underline">
          {objective.title}
        </Link>
      </h2>
      <p className="text-xs text-slate-700">
        {objective.team?.name ?? "Company"} · {objective.owner.name} · {KIND_LABEL[objective.kind]}
        {objective.state === "done" ? " · done" : ""}
      </p>
      <div className="mt-2 max-w-sm">
        <ProgressBar value={objective.progress} label={`Progress of ${objective.title}`} size="sm" />
      </div>
      {canSave ? (
        <form action={formAction} className="mt-2" aria-labelledby={headingId}>
          <input type="hidden" name="objectiveId" value={objective.id} />
          <FormError id={`closing-error-${objective.id}`} message={formMessage} />
          {body}
          <div className="mt-3">
            <Button type="submit" disabled={isPending} aria-label={`Save scores and retrospective of ${objective.title}`}>
              {isPending ? "Saving…" : "Save"}
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-2">{body}</div>
      )}
    </CardSection>
  );
}
