import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActivateCycleButton } from "@/components/cycles/activate-cycle-button";
import { CycleHeader } from "@/components/cycles/cycle-header";
import { missingCount, PlanningChecklistView } from "@/components/planning/planning-checklist";
import { CardSection } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/session";
import { loadOr404 } from "@/lib/http/page";
import { IdParamsSchema } from "@/lib/http/schemas";
import { can } from "@/lib/permissions";
import { loadPlanningChecklist } from "@/lib/planning/queries";
import { activateCycleAction } from "../../actions";

export const metadata: Metadata = { title: "Planning check" };

/** What a cycle's plan still misses. For a cycle in planning it is also the way to activate it: the list comes first. */
export default async function PlanningPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const parsed = IdParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const checklist = await loadOr404(() => loadPlanningChecklist(actor, parsed.data.id));
  const { cycle } = checklist;
  const canActivate = cycle.state === "planning" && can(actor, "cycle.manage");
  const missing = missingCount(checklist);
  return (
    <div className="space-y-6">
      <CycleHeader cycle={cycle} title={`Planning check: ${cycle.name}`}>
        <p className="mt-2 text-sm text-slate-800" data-testid="planning-intro">
          {missing === 0 ? "Nothing is missing: every team has an objective, and every objective is measured and aligned." : `${missing === 1 ? "One thing" : `${missing} things`} to look at before the cycle runs.`}{" "}
          {canActivate ? (
            <>
              When the list looks right,{" "}
              <a href="#activate" className="font-medium text-brand-700 underline">
                activate the cycle
              </a>{" "}
              at the end of the page.
            </>
          ) : null}
          {cycle.state === "active" ? "The cycle is active: what is fixed now still shows here." : null}
        </p>
        <p className="mt-2 text-sm">
          <Link href={`/review?cycle=${cycle.id}`} className="font-medium text-brand-700 underline">
            Review this cycle
          </Link>{" "}
          ·{" "}
          <Link href={`/tree?cycle=${cycle.id}`} className="font-medium text-brand-700 underline">
            Alignment tree
          </Link>
        </p>
      </CycleHeader>

      <PlanningChecklistView checklist={checklist} />

      {canActivate ? (
        <CardSection aria-labelledby="activate-heading" id="activate">
          <h2 id="activate-heading" className="text-base font-semibold">
            Activate {cycle.name}
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {missing === 0 ? "The plan is complete." : "Nothing above stops activation; each item can be fixed later too, with its history kept."} Once active,
            everyone checks in against these objectives every week.
          </p>
          <div className="mt-3">
            <ActivateCycleButton action={activateCycleAction} cycle={{ id: cycle.id, name: cycle.name }} missing={missing} />
          </div>
        </CardSection>
      ) : null}
    </div>
  );
}
