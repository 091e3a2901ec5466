"use client";

import Link from "next/link";
import { useRef, useState, useTransition, type KeyboardEvent } from "react";
import { saveMyWeekAction } from "@/app/(app)/my-week/actions";
import { KeyResultChart } from "@/components/charts/key-result-chart";
import { Sparkline } from "@/components/charts/sparkline";
import { useOrganizationId } from "@/components/shell/organization-provider";
import { ForecastLine } from "@/components/checkins/forecast-line";
import { ProgressNoteText } from "@/components/key-results/progress-note";
import { Button } from "@/components/ui/button";
import { FormError, inputClass } from "@/components/ui/field";
import { CONFIDENCE_LABEL, ConfidenceBadge, formatPercent, ProgressBar } from "@/components/ui/progress";
import { useToast } from "@/components/ui/toast";
import { formatMilestoneLabel, formatValue, formatWeek, YES_NO_LABEL } from "@/lib/format";
import type { MyWeekKeyResult, MyWeekObjective } from "@/lib/checkins/queries";
import type { ConfidenceValue } from "@/lib/checkins/schemas";
import type { FieldErrors } from "@/lib/errors";
import { ORGANIZATION_FIELD } from "@/lib/http/organization-field";
import { keyResultProgress, type KeyResultProgress } from "@/lib/progress";
import { describeProgress } from "@/lib/progress/describe";
import { CardSection } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

interface Draft {
  value: string;
  confidence: ConfidenceValue;
  note: string;
}

const CONFIDENCES: ConfidenceValue[] = ["on_track", "at_risk", "off_track"];
const NUMBER = /^-?\d{1,16}(\.\d{1,4})?$/;

function initialDraft(kr: MyWeekKeyResult): Draft {
  return { value: "", confidence: kr.thisWeek?.confidence ?? kr.confidence ?? "on_track", note: "" };
}

/** A row takes part in the save once something was typed into it; untouched rows are skipped. */
function isEntered(draft: Draft): boolean {
  return draft.value.trim() !== "" || draft.note.trim() !== "";
}

/** The progress the typed value would give, computed here with the same exact maths the server uses. */
function previewProgress(kr: MyWeekKeyResult, value: string): KeyResultProgress | null {
  const clean = value.trim().replace(/,/g, "");
  if (!NUMBER.test(clean)) return null;
  return keyResultProgress({ type: kr.type, direction: kr.direction, start: kr.start, target: kr.target, current: clean });
}

/**
 * The whole weekly check-in as one keyboard form: per key result a value, a confidence and a note, in tab order;
 * Enter in any field (Shift+Enter for a new line in a note) saves every filled row in one go.
 */
export function MyWeekForm({ objectives, week }: { objectives: MyWeekObjective[]; week: string }) {
  const keyResults = objectives.flatMap((o) => o.keyResults);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries(keyResults.map((kr) => [kr.id, initialDraft(kr)])));
  const [errors, setErrors] = useState<{ message: string | null; fields: Record<string, FieldErrors> }>({ message: null, fields: {} });
  const [isPending, startTransition] = useTransition();
  // How many check-ins the last save recorded, until something is typed again: the bar then confirms, not asks.
  const [lastSaved, setLastSaved] = useState<number | null>(null);
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const organizationId = useOrganizationId();

  const draftOf = (kr: MyWeekKeyResult) => drafts[kr.id] ?? initialDraft(kr);
  const setDraft = (id: string, change: Partial<Draft>) => setDrafts((current) => ({ ...current, [id]: { ...(current[id] ?? { value: "", confidence: "on_track", note: "" }), ...change } }));
  const update = (id: string, change: Partial<Draft>) => {
    setLastSaved(null);
    setDraft(id, change);
  };
  const entered = keyResults.filter((kr) => isEntered(draftOf(kr)));
  const doneCount = keyResults.filter((kr) => kr.thisWeek).length;

  function submit() {
    const rows = keyResults.filter((kr) => isEntered(draftOf(kr)));
    const entries = rows.map((kr) => ({ keyResultId: kr.id, ...draftOf(kr) }));
    startTransition(async () => {
      const state = await saveMyWeekAction({ status: "idle" }, { entries, [ORGANIZATION_FIELD]: organizationId ?? undefined });
      if (state.status === "success") {
        setErrors({ message: null, fields: {} });
        const saved = new Set(state.data.map((s) => s.keyResultId));
        setLastSaved(saved.size);
        setDrafts((current) => {
          const next = { ...current };
          for (const kr of keyResults) if (saved.has(kr.id)) next[kr.id] = { value: "", confidence: draftOf(kr).confidence, note: "" };
          return next;
        });
        if (state.message) toast(state.message);
        return;
      }
      if (state.status !== "error") return;
      // Errors name rows by their place in what was sent ("entries.1.value"): map them back to key results.
      const fields: Record<string, FieldErrors> = {};
      let rowMessage: string | null = null;
      for (const [path, messages] of Object.entries(state.fieldErrors)) {
        const match = /^entries\.(\d+)\.(\w+)$/.exec(path);
        const kr = match ? rows[Number(match[1])] : undefined;
        if (kr && match) (fields[kr.id] ??= {})[match[2]!] = messages;
        else rowMessage = messages[0] ?? null;
      }
      const hasRowErrors = Object.keys(fields).length > 0;
      setErrors({ message: hasRowErrors ? `Nothing was saved: ${state.message.replace(/^entries\.\d+\.\w+: /, "")}. Fix the marked row and press Enter again.` : (rowMessage ?? state.message), fields });
      const firstInvalid = form.current?.querySelector<HTMLElement>("[aria-invalid=true]");
      firstInvalid?.focus();
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (target.tagName === "BUTTON" || target.tagName === "A") return;
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }

  return (
    <form
      ref={form}
      noValidate
      aria-labelledby="my-week-heading"
      aria-describedby="my-week-help"
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        if (!isPending) submit();
      }}
      className="space-y-6"
    >
      <p id="my-week-help" className="text-sm text-slate-700">
        Week of {formatWeek(week)} · {doneCount} of {keyResults.length} done. Tab through the rows, fill in what changed, and press Enter to save them all; rows you leave empty are skipped. Shift+Enter starts a new line in a note.
      </p>
      <FormError id="my-week-error" message={errors.message} />

      {objectives.map((objective) => (
        <CardSection key={objective.id} aria-labelledby={`objective-${objective.id}`} padded={false}>
          <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
            <h2 id={`objective-${objective.id}`} className="font-semibold text-slate-900">
              <Link href={`/objectives/${objective.id}`} className="hover:underline">
                {objective.title}
              </Link>
            </h2>
            <div className="flex items-center gap-3 text-sm text-slate-700">
              <Sparkline points={objective.trend} label={`Progress of ${objective.title} by week`} />
              <span data-testid="objective-progress">{formatPercent(objective.progress)}</span>
            </div>
          </header>
          <div className="divide-y divide-slate-100">
            {objective.keyResults.map((kr) => (
              <KeyResultRow key={kr.id} kr={kr} draft={draftOf(kr)} errors={errors.fields[kr.id] ?? {}} onChange={(change) => update(kr.id, change)} />
            ))}
          </div>
        </CardSection>
      ))}

      <div className="sticky bottom-0 flex items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : entered.length > 1 ? `Save ${entered.length} check-ins` : "Save check-in"}
        </Button>
        <span className="text-sm text-slate-700" aria-live="polite">
          {entered.length
            ? `${entered.length} row${entered.length === 1 ? "" : "s"} to save`
            : lastSaved
              ? `Saved ${lastSaved} check-in${lastSaved === 1 ? "" : "s"} · ${doneCount} of ${keyResults.length} done this week`
              : "Fill in at least one row"}
        </span>
      </div>
    </form>
  );
}

function KeyResultRow({ kr, draft, errors, onChange: change }: { kr: MyWeekKeyResult; draft: Draft; errors: FieldErrors; onChange: (change: Partial<Draft>) => void }) {
  const id = `kr-${kr.id}`;
  // An "initiatives done" key result's value follows its initiatives: a confidence or a note checks in at that value.
  const followsInitiatives = kr.type === "initiatives";
  const onChange = (c: Partial<Draft>) => change(followsInitiatives ? { ...c, value: kr.current } : c);
  const show = (v: string) => formatValue(v, kr);
  const preview = previewProgress(kr, draft.value);
  // Over-achievement and threshold margins follow the typed value, or the current one until something is typed.
  const standing = describeProgress(preview ?? keyResultProgress({ type: kr.type, direction: kr.direction, start: kr.start, target: kr.target, current: kr.current }), kr);
  const valueError = errors.value?.[0];
  const noteError = errors.note?.[0] ?? errors.confidence?.[0] ?? errors.keyResultId?.[0];
  const valueLabel = kr.type === "yes_no" ? "Done?" : kr.type === "milestone" ? "Milestones reached" : followsInitiatives ? "Initiatives done" : "Value";

  return (
    <fieldset data-testid="check-in-row" className="grid gap-4 px-4 py-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <legend className="sr-only">{kr.title}</legend>
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <p aria-hidden className="font-medium text-slate-900">
            {kr.title}
          </p>
          {kr.thisWeek ? (
            <Badge data-testid="done-this-week" tone="success">
              Done this week
            </Badge>
          ) : (
            <Badge tone="warning">Due this week</Badge>
          )}
        </div>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
          <span>
            {kr.thisWeek ? "This week" : "Last"}: <span data-testid="current-value" className="font-medium text-slate-900">{show(kr.current)}</span>
          </span>
          <ConfidenceBadge confidence={kr.thisWeek?.confidence ?? kr.confidence} />
          <span>
            Target {show(kr.target)}
          </span>
        </p>
        {kr.thisWeek?.note ? <p className="text-sm text-slate-700">“{kr.thisWeek.note}”</p> : null}
        <ProgressBar value={kr.progress} label={`Progress of ${kr.title}`} size="sm" />

        <div className="grid gap-3 sm:grid-cols-[10rem_auto_minmax(0,1fr)] sm:items-start">
          <div>
            <label htmlFor={`${id}-value`} className="block text-sm font-medium text-slate-800">
              {valueLabel}
              <span className="sr-only"> of {kr.title}</span>
            </label>
            {followsInitiatives ? (
              <input
                id={`${id}-value`}
                type="text"
                readOnly
                className={`mt-1 bg-slate-50 ${inputClass}`}
                value={show(kr.current)}
                aria-invalid={valueError ? true : undefined}
                aria-describedby={valueError ? `${id}-value-error` : `${id}-follows`}
              />
            ) : kr.type === "yes_no" || kr.type === "milestone" ? (
              <select
                id={`${id}-value`}
                className={`mt-1 ${inputClass}`}
                value={draft.value}
                aria-invalid={valueError ? true : undefined}
                aria-describedby={valueError ? `${id}-value-error` : undefined}
                onChange={(e) => onChange({ value: e.target.value })}
              >
                <option value="">No change</option>
                {kr.type === "yes_no" ? (
                  <>
                    <option value="0">{YES_NO_LABEL.notDone}</option>
                    <option value="1">{YES_NO_LABEL.done}</option>
                  </>
                ) : (
                  Array.from({ length: (kr.milestones.length || Number(kr.target)) + 1 }, (_, n) => (
                    <option key={n} value={String(n)}>
                      {kr.milestones.length ? formatMilestoneLabel(n, kr.milestones) : `${n} of ${kr.target}`}
                    </option>
                  ))
                )}
              </select>
            ) : (
              <div className="mt-1 flex items-center gap-1.5">
                <input
                  id={`${id}-value`}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder={kr.current}
                  className={inputClass}
                  value={draft.value}
                  aria-invalid={valueError ? true : undefined}
                  aria-describedby={valueError ? `${id}-value-error` : `${id}-preview ${id}-standing`}
                  onChange={(e) => onChange({ value: e.target.value })}
                />
                {kr.unit ? <span className="text-sm text-slate-700">{kr.unit}</span> : null}
              </div>
            )}
            {followsInitiatives ? (
              <p id={`${id}-follows`} className="mt-1 text-xs text-slate-700">
                Follows its initiatives; set their status on the objective page.
              </p>
            ) : null}
            <p id={`${id}-value-error`} aria-live="polite" className="mt-1 text-sm text-red-700">
              {valueError ?? ""}
            </p>
          </div>

          <fieldset>
            <legend className="text-sm font-medium text-slate-800">
              Confidence<span className="sr-only"> in {kr.title}</span>
            </legend>
            <div className="mt-1 flex flex-wrap gap-1">
              {CONFIDENCES.map((c) => (
                <label
                  key={c}
                  className="flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-800 ring-1 ring-inset ring-slate-300 has-checked:bg-brand-50 has-checked:ring-brand-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600"
                >
                  <input type="radio" name={`${id}-confidence`} value={c} checked={draft.confidence === c} onChange={() => onChange({ confidence: c })} className="accent-brand-600 focus-visible:outline-none" />
                  {CONFIDENCE_LABEL[c]}
                </label>
              ))}
            </div>
          </fieldset>

          <div>
            <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-800">
              Note<span className="sr-only"> on {kr.title}</span>
            </label>
            <textarea
              id={`${id}-note`}
              rows={2}
              maxLength={2000}
              placeholder="Progress, blockers, next step"
              className={`mt-1 ${inputClass}`}
              value={draft.note}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={noteError ? `${id}-note-error` : undefined}
              onChange={(e) => onChange({ note: e.target.value })}
            />
            <p id={`${id}-note-error`} aria-live="polite" className="mt-1 text-sm text-red-700">
              {noteError ?? ""}
            </p>
          </div>
        </div>

        <output id={`${id}-preview`} htmlFor={`${id}-value`} data-testid="progress-preview" className="block text-sm text-slate-700">
          {preview === null ? `Progress: ${formatPercent(kr.progress)}` : `Progress: ${formatPercent(kr.progress)} → ${formatPercent(preview.progress.toNumber())}`}
        </output>
        <output id={`${id}-standing`} htmlFor={`${id}-value`} data-testid="progress-standing" className="block text-sm">
          {standing ? <ProgressNoteText note={standing} /> : null}
        </output>
        {kr.forecast ? <ForecastLine forecast={kr.forecast} kr={kr} confidence={kr.thisWeek?.confidence ?? kr.confidence} /> : null}
      </div>
      <KeyResultChart
        title={kr.title}
        points={kr.history}
        start={kr.start}
        target={kr.target}
        direction={kr.direction}
        type={kr.type}
        unit={kr.unit}
        milestones={kr.milestones}
        cycleStart={kr.cycle.startDate}
        cycleEnd={kr.cycle.endDate}
        forecast={kr.forecast}
      />
    </fieldset>
  );
}
