import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { CardSection } from "@/components/ui/card";
import type { ActionState } from "@/lib/http/action";
import type { FirstRunStep } from "@/lib/organizations/first-run";

const STEPS: Record<FirstRunStep["key"], { title: string; detail: string; href: string; link: string }> = {
  cycle: { title: "Create a cycle", detail: "A quarter, or a period of your own; activate it when planning is done.", href: "/cycles#new-cycle", link: "Go to cycles" },
  people: { title: "Invite people", detail: "Send an invitation link to the people who will plan and check in.", href: "/members#invite-heading", link: "Go to people" },
  teams: { title: "Create teams", detail: "Departments and the teams inside them; objectives belong to a team or a person.", href: "/teams#new-team", link: "Go to teams" },
  objective: { title: "Write the first objective", detail: "With its key results: what you will achieve and how you will know.", href: "/objectives/new", link: "Write an objective" },
};

/**
 * The first-run guide on a new organisation's home page. Each step says whether it is done (read from the data) and
 * links to where it is done; steps the role cannot take say who can.
 */
export function FirstRunGuide({
  steps,
  allowed,
  dismiss,
}: {
  steps: FirstRunStep[];
  allowed: Record<FirstRunStep["key"], boolean>;
  dismiss: (state: ActionState<void>, form: FormData) => Promise<ActionState<void>>;
}) {
  const doneCount = steps.filter((s) => s.isDone).length;
  return (
    <CardSection aria-labelledby="guide-heading" className="ring-brand-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="guide-heading" className="text-base font-semibold text-slate-900">
          Getting started
        </h2>
        <p className="text-sm text-slate-700">
          {doneCount} of {steps.length} steps done
        </p>
      </div>
      <ol className="mt-3 space-y-3">
        {steps.map((step, index) => {
          const info = STEPS[step.key];
          return (
            <li key={step.key} className="flex items-start gap-3" data-testid="guide-step">
              <span
                aria-hidden
                className={`mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${step.isDone ? "bg-emerald-600 text-white" : "bg-slate-100 text-slate-800 ring-1 ring-slate-300"}`}
              >
                {step.isDone ? "✓" : index + 1}
              </span>
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium text-slate-900">
                  {info.title} <span className="font-normal text-slate-700">({step.isDone ? "done" : "not done yet"})</span>
                </p>
                <p className="text-slate-700">{info.detail}</p>
              </div>
              {allowed[step.key] ? (
                <Link href={info.href} className="shrink-0 text-sm font-medium text-brand-700 underline" aria-label={`${info.link}: ${info.title.toLowerCase()}`}>
                  {info.link}
                </Link>
              ) : (
                <span className="shrink-0 text-sm text-slate-700">An admin does this</span>
              )}
            </li>
          );
        })}
      </ol>
      <div className="mt-4">
        <ActionButton action={dismiss} fields={{}} label="Hide this guide" pendingLabel="Hiding…" variant="ghost" />
      </div>
    </CardSection>
  );
}
