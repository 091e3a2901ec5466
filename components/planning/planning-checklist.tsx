import Link from "next/link";
import type { ReactNode } from "react";
import { CardSection } from "@/components/ui/card";
import { OBJECTIVE_LEVEL_LABEL, plural } from "@/lib/format";
import type { Listed, PlanningChecklist, PlanningObjective } from "@/lib/planning/queries";

const linkClass = "font-medium text-slate-900 underline-offset-2 hover:underline";

/** How many things the check lists in all: what the activate question repeats. */
export function missingCount(checklist: PlanningChecklist): number {
  const { focus } = checklist;
  return (
    checklist.teamsWithoutObjective.total +
    checklist.objectivesWithoutKeyResults.total +
    checklist.keyResultsWithoutTarget.total +
    checklist.unalignedObjectives.total +
    focus.teams.length +
    focus.objectives.length +
    focus.people.length +
    checklist.quality.reduce((n, g) => n + g.flagCount, 0)
  );
}

function place(objective: PlanningObjective): string {
  return objective.level === "company" ? "Company" : objective.teamName ? `${OBJECTIVE_LEVEL_LABEL[objective.level]} · ${objective.teamName}` : OBJECTIVE_LEVEL_LABEL[objective.level];
}

function ObjectiveLink({ objective, children }: { objective: PlanningObjective; children?: ReactNode }) {
  return (
    <>
      <Link href={`/objectives/${objective.id}`} className={linkClass}>
        {objective.title}
      </Link>
      <span className="ml-2 text-xs text-slate-600">
        {place(objective)}
        {children}
      </span>
    </>
  );
}

function More({ list }: { list: Listed<unknown> }) {
  if (list.total <= list.items.length) return null;
  return <p className="mt-2 text-xs text-slate-600">The first {list.items.length} of {list.total}.</p>;
}

function Check({ id, title, count, hint, children }: { id: string; title: string; count: number; hint: string; children: ReactNode }) {
  return (
    <CardSection aria-labelledby={`${id}-heading`} id={id} data-testid="planning-check">
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {title} <span className="font-normal text-slate-700">({count})</span>
      </h2>
      <p className="mt-1 text-sm text-slate-700">{hint}</p>
      {children}
    </CardSection>
  );
}

/**
 * The planning check of one cycle: a summary of every check with its count (each linking to its list), then a list
 * per check that found something. Read-only; fixing happens on the objectives' and teams' own pages.
 */
export function PlanningChecklistView({ checklist }: { checklist: PlanningChecklist }) {
  const { cycle, focus, totals } = checklist;
  const focusCount = focus.teams.length + focus.objectives.length + focus.people.length;
  const qualityCount = checklist.quality.reduce((n, g) => n + g.flagCount, 0);
  const rows: { id: string; label: string; count: number; note?: string }[] = [
    { id: "teams-without-objective", label: "Teams with no objective", count: checklist.teamsWithoutObjective.total, note: `of ${plural(totals.teams, "team")}` },
    { id: "objectives-without-key-results", label: "Objectives with no key result", count: checklist.objectivesWithoutKeyResults.total, note: `of ${plural(totals.objectives, "objective")}` },
    { id: "key-results-without-target", label: "Key results with no target", count: checklist.keyResultsWithoutTarget.total, note: `of ${plural(totals.keyResults, "key result")}` },
    { id: "key-results-without-owner", label: "Key results with no owner", count: 0, note: "every key result has one: Keel asks for it" },
    { id: "unaligned-objectives", label: "Unaligned team and personal objectives", count: checklist.unalignedObjectives.total },
    { id: "focus-limits", label: "Focus limits exceeded", count: focusCount },
    { id: "quality-coach", label: "Quality coach suggestions", count: qualityCount },
  ];
  return (
    <div className="space-y-4">
      <CardSection aria-labelledby="planning-summary-heading">
        <h2 id="planning-summary-heading" className="text-base font-semibold">
          What is missing
        </h2>
        <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="planning-summary">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2" data-testid="planning-summary-row">
              <span>
                {row.count > 0 ? (
                  <a href={`#${row.id}`} className={linkClass}>
                    {row.label}
                  </a>
                ) : (
                  <span className="text-slate-800">{row.label}</span>
                )}
                {row.note ? <span className="ml-2 text-xs text-slate-600">{row.note}</span> : null}
              </span>
              <span data-testid="planning-count" className={row.count > 0 ? "font-semibold text-amber-900" : "text-emerald-800"}>
                {row.count > 0 ? row.count : "None"}
              </span>
            </li>
          ))}
        </ul>
      </CardSection>

      {checklist.teamsWithoutObjective.total > 0 ? (
        <Check id="teams-without-objective" title="Teams with no objective" count={checklist.teamsWithoutObjective.total} hint="Teams (not archived) with no team objective in this cycle yet.">
          <ul className="mt-3 grid gap-1 text-sm sm:grid-cols-2">
            {checklist.teamsWithoutObjective.items.map((team) => (
              <li key={team.id}>
                <Link href={`/teams/${team.id}?cycle=${cycle.id}`} className={linkClass}>
                  {team.name}
                </Link>
              </li>
            ))}
          </ul>
          <More list={checklist.teamsWithoutObjective} />
        </Check>
      ) : null}

      {checklist.objectivesWithoutKeyResults.total > 0 ? (
        <Check id="objectives-without-key-results" title="Objectives with no key result" count={checklist.objectivesWithoutKeyResults.total} hint="How will anyone know these are achieved?">
          <ul className="mt-3 space-y-1 text-sm">
            {checklist.objectivesWithoutKeyResults.items.map((o) => (
              <li key={o.id}>
                <ObjectiveLink objective={o} />
              </li>
            ))}
          </ul>
          <More list={checklist.objectivesWithoutKeyResults} />
        </Check>
      ) : null}

      {checklist.keyResultsWithoutTarget.total > 0 ? (
        <Check id="key-results-without-target" title="Key results with no target" count={checklist.keyResultsWithoutTarget.total} hint="They should increase or decrease, but their target is where they start.">
          <ul className="mt-3 space-y-1 text-sm">
            {checklist.keyResultsWithoutTarget.items.map((kr) => (
              <li key={kr.id}>
                <Link href={`/objectives/${kr.objective.id}`} className={linkClass}>
                  {kr.title}
                </Link>
                <span className="ml-2 text-xs text-slate-600">of “{kr.objective.title}”</span>
              </li>
            ))}
          </ul>
          <More list={checklist.keyResultsWithoutTarget} />
        </Check>
      ) : null}

      {checklist.unalignedObjectives.total > 0 ? (
        <Check id="unaligned-objectives" title="Unaligned objectives" count={checklist.unalignedObjectives.total} hint="Team and personal objectives that contribute to no objective or key result above them.">
          <ul className="mt-3 space-y-1 text-sm">
            {checklist.unalignedObjectives.items.map((o) => (
              <li key={o.id}>
                <ObjectiveLink objective={o} />
              </li>
            ))}
          </ul>
          <More list={checklist.unalignedObjectives} />
        </Check>
      ) : null}

      {focusCount > 0 ? (
        <Check
          id="focus-limits"
          title="Focus limits exceeded"
          count={focusCount}
          hint={`The organisation's limits: ${focus.limits.maxObjectivesPerTeam} objectives per team, ${focus.limits.maxKeyResultsPerObjective} key results per objective, ${focus.limits.maxKeyResultsPerPerson} key results per person.`}
        >
          <ul className="mt-3 space-y-1 text-sm">
            {focus.teams.map((t) => (
              <li key={t.teamId}>
                <Link href={`/teams/${t.teamId}?cycle=${cycle.id}`} className={linkClass}>
                  {t.name ?? "A team"}
                </Link>
                <span className="ml-2 text-xs text-slate-600">
                  {t.count} objectives, limit {t.limit}
                </span>
              </li>
            ))}
            {focus.objectives.map((o) => (
              <li key={o.objectiveId}>
                <Link href={`/objectives/${o.objectiveId}`} className={linkClass}>
                  {o.title ?? "An objective"}
                </Link>
                <span className="ml-2 text-xs text-slate-600">
                  {o.count} key results, limit {o.limit}
                </span>
              </li>
            ))}
            {focus.people.map((p) => (
              <li key={p.userId}>
                <span className="font-medium text-slate-900">{p.name ?? "Someone"}</span>
                <span className="ml-2 text-xs text-slate-600">
                  owns {p.count} key results, limit {p.limit}
                </span>
              </li>
            ))}
          </ul>
        </Check>
      ) : null}

      {qualityCount > 0 ? (
        <Check id="quality-coach" title="Quality coach" count={qualityCount} hint="Suggestions by rule. Owners and admins choose the rules in the organisation settings.">
          <div className="mt-3 space-y-4">
            {checklist.quality.map((group) => (
              <section key={group.ruleId} aria-labelledby={`quality-${group.ruleId}`} data-testid="quality-group">
                <h3 id={`quality-${group.ruleId}`} className="text-sm font-semibold text-slate-900">
                  {group.label} <span className="font-normal text-slate-700">({plural(group.objectiveCount, "objective")})</span>
                </h3>
                <p className="text-sm text-slate-700">{group.suggestion}</p>
                <ul className="mt-1 space-y-1 text-sm">
                  {group.objectives.map((o) => (
                    <li key={o.id}>
                      <ObjectiveLink objective={o}>{o.flags > 1 ? ` · ${plural(o.flags, "key result")}` : null}</ObjectiveLink>
                    </li>
                  ))}
                </ul>
                {group.objectiveCount > group.objectives.length ? <p className="mt-1 text-xs text-slate-600">The first {group.objectives.length} of {group.objectiveCount}.</p> : null}
              </section>
            ))}
          </div>
        </Check>
      ) : null}
    </div>
  );
}
