import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { ConfidenceBadge } from "@/components/ui/progress";
import { removeDependencyAction } from "@/app/(app)/objectives/actions";
import { plural } from "@/lib/format";
import type { LinkedKeyResult } from "@/lib/objectives/queries";
import { AddDependencyForm } from "./dependency-forms";

function Other({ kr }: { kr: LinkedKeyResult }) {
  return (
    <>
      <Link href={`/objectives/${kr.objectiveId}`} className="font-medium text-slate-900 hover:underline">
        {kr.title}
      </Link>
      <span className="text-xs text-slate-700">
        {" "}
        · {kr.teamName ?? "Company"} · {kr.ownerName}
      </span>{" "}
      <ConfidenceBadge confidence={kr.confidence} />
    </>
  );
}

/**
 * A key result's dependencies both ways, with the other side's confidence, and, when it is in trouble, everything
 * that depends on it up to the top ("blast radius").
 */
export function KeyResultLinks({
  keyResult,
  dependsOn,
  dependents,
  blast,
  canEdit,
  cycleId,
  objectiveId,
}: {
  keyResult: { id: string; title: string; confidence: string | null };
  dependsOn: LinkedKeyResult[];
  dependents: LinkedKeyResult[];
  blast: { keyResults: LinkedKeyResult[]; objectives: { id: string; title: string }[] } | undefined;
  canEdit: boolean;
  cycleId: string;
  objectiveId: string;
}) {
  if (!dependsOn.length && !dependents.length && !canEdit) return null;
  const teams = new Set(blast?.keyResults.map((k) => k.teamName ?? "Company"));
  return (
    <div className="mt-2 space-y-2 text-sm">
      {blast && blast.keyResults.length ? (
        <div role="note" data-testid="blast-radius" className="rounded-md bg-amber-50 px-3 py-2 text-amber-950 ring-1 ring-amber-200">
          <p className="font-medium">
            Blast radius of “{keyResult.title}”: {plural(blast.keyResults.length, "key result")} in {plural(teams.size, "team")} and{" "}
            {plural(blast.objectives.length, "objective")} above them rely on it.
          </p>
          <details className="mt-1">
            <summary className="cursor-pointer text-sm text-amber-950 underline">What depends on “{keyResult.title}”</summary>
            <ul className="mt-1 space-y-1">
              {blast.keyResults.map((k) => (
                <li key={k.id}>
                  <Other kr={k} />
                </li>
              ))}
            </ul>
            <p className="mt-2 font-medium">Objectives that rely on them</p>
            <ul className="mt-1 list-disc pl-5">
              {blast.objectives.map((o) => (
                <li key={o.id}>
                  <Link href={`/objectives/${o.id}`} className="hover:underline">
                    {o.title}
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        </div>
      ) : null}
      {dependsOn.length ? (
        <div data-testid="depends-on">
          <p className="text-xs font-semibold text-slate-800">Depends on</p>
          <ul className="mt-1 space-y-1">
            {dependsOn.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center gap-x-1">
                <Other kr={k} />
                {canEdit ? (
                  <ActionButton
                    action={removeDependencyAction}
                    fields={{ keyResultId: keyResult.id, dependsOnId: k.id }}
                    label="Remove"
                    variant="ghost"
                    accessibleLabel={`Remove the dependency on ${k.title}`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {dependents.length ? (
        <div data-testid="depended-on-by">
          <p className="text-xs font-semibold text-slate-800">Depended on by</p>
          <ul className="mt-1 space-y-1">
            {dependents.map((k) => (
              <li key={k.id}>
                <Other kr={k} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canEdit ? (
        <details className="rounded-md open:p-3 open:ring-1 open:ring-slate-200">
          <summary className="cursor-pointer py-1 text-sm font-medium text-brand-700">Add a dependency</summary>
          <AddDependencyForm keyResult={keyResult} cycleId={cycleId} objectiveId={objectiveId} />
        </details>
      ) : null}
    </div>
  );
}
