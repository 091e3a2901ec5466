"use client";

import Link from "next/link";
import { useState } from "react";
import { carryForwardAction } from "@/app/(app)/cycles/[id]/summary/actions";
import { useFormAction } from "@/components/objectives/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select } from "@/components/ui/field";
import type { CarryCandidate } from "@/lib/carry-forward/queries";
import { formatScore } from "@/lib/scoring/score";

interface Target {
  id: string;
  name: string;
  state: string;
}

const isTickedAtFirst = (c: CarryCandidate) => c.isUnfinished && !c.carriedInto.length;

/**
 * Picks objectives to carry into another cycle (unfinished ones are ticked to start with) and shows, after
 * carrying, each copy and whether it kept its alignment.
 */
export function CarryForwardForm({ fromCycleId, candidates, targets }: { fromCycleId: string; candidates: CarryCandidate[]; targets: Target[] }) {
  const { state, formAction, isPending, errors, formMessage } = useFormAction(carryForwardAction);
  const result = state.status === "success" ? state.data : null;
  // The ticks are the reader's choice, held here: a form reset after a submit would otherwise tick every
  // unfinished objective again, including the ones just carried. After a carry, those are unticked.
  const [ticked, setTicked] = useState(() => new Set(candidates.filter(isTickedAtFirst).map((c) => c.id)));
  // Another page of candidates starts from its own defaults.
  const candidateKey = candidates.map((c) => c.id).join(",");
  const [shownKey, setShownKey] = useState(candidateKey);
  if (candidateKey !== shownKey) {
    setShownKey(candidateKey);
    setTicked(new Set(candidates.filter(isTickedAtFirst).map((c) => c.id)));
  }
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state.status === "success") {
      const carried = new Set(state.data.carried.map((c) => c.fromObjectiveId));
      setTicked((current) => new Set([...current].filter((id) => !carried.has(id))));
    }
  }
  const toggle = (id: string, isChecked: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (isChecked) next.add(id);
      else next.delete(id);
      return next;
    });
  const choiceError = errors.objectiveIds ?? Object.entries(errors).find(([key]) => key.startsWith("objectiveIds."))?.[1];

  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-3" aria-labelledby="carry-heading">
        <input type="hidden" name="fromCycleId" value={fromCycleId} />
        <FormError id="carry-error" message={formMessage} />
        <fieldset aria-describedby="carry-choice-error">
          <legend className="text-sm font-medium text-slate-800">Objectives to carry forward</legend>
          <ul className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
            {candidates.map((c) => (
              <li key={c.id} data-testid="carry-candidate" className="flex items-start gap-3 px-3 py-2">
                <input
                  id={`carry-${c.id}`}
                  type="checkbox"
                  name="objectiveIds[]"
                  value={c.id}
                  checked={ticked.has(c.id)}
                  onChange={(e) => toggle(c.id, e.target.checked)}
                  className="mt-1 size-4 rounded border-slate-400 text-brand-600 focus:ring-2 focus:ring-brand-600"
                />
                <label htmlFor={`carry-${c.id}`} className="min-w-0 flex-1 text-sm">
                  <span className="font-medium text-slate-900">{c.title}</span>
                  <span className="block text-xs text-slate-700">
                    {c.teamName} · {c.ownerName} · score {formatScore(c.score)}
                    {c.state === "done" ? " · done" : ""}
                    {c.carriedInto.length ? ` · already carried into ${c.carriedInto.map((t) => t.name).join(", ")}` : ""}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <p id="carry-choice-error" aria-live="polite" className="mt-1 text-sm text-red-700">
            {choiceError?.[0] ?? ""}
          </p>
        </fieldset>
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-56">
            <Field id="carry-target" label="Carry into" errors={errors.toCycleId}>
              <Select id="carry-target" name="toCycleId" errors={errors.toCycleId} defaultValue={targets[0]?.id}>
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.state})
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className="pb-6">
            <Button type="submit" disabled={isPending}>
              {isPending ? "Carrying…" : "Carry forward"}
            </Button>
          </div>
        </div>
      </form>

      {result ? (
        <section aria-labelledby="carried-heading" data-testid="carry-result" className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <h3 id="carried-heading" className="text-sm font-semibold text-slate-900">
            Carried into {result.toCycle.name}
          </h3>
          <ul className="mt-2 space-y-1 text-sm">
            {result.carried.map((c) => (
              <li key={c.objectiveId} data-testid="carried-objective">
                <Link href={`/objectives/${c.objectiveId}`} className="font-medium text-slate-900 hover:underline">
                  {c.title}
                </Link>{" "}
                <span className={c.alignment === "lost" ? "text-amber-900" : "text-slate-700"}>
                  {c.alignment === "kept" ? "· alignment kept" : c.alignment === "lost" ? `· lost its alignment: ${c.lostAlignmentReason}` : "· was not aligned"}
                  {c.isOwnerChanged ? " · now owned by you (the owner left)" : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
