import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CloseCycleSection } from "@/components/scoring/close-cycle-form";
import { ObjectiveClosingForm } from "@/components/scoring/objective-closing-form";
import { AddressProblems } from "@/components/ui/address-problems";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { requirePageActor } from "@/lib/auth/session";
import { CycleHeader } from "@/components/cycles/cycle-header";
import { parseAddress } from "@/lib/http/address";
import { formatDate } from "@/lib/format";
import { loadOr404, type SearchParams } from "@/lib/http/page";
import { daysBetween, localDate } from "@/lib/dates/week";
import { IdParamsSchema } from "@/lib/http/schemas";
import { listTeamOptions } from "@/lib/objectives/queries";
import { can } from "@/lib/permissions";
import { listScoringPage, SCORING_PAGE_SIZE } from "@/lib/scoring/queries";
import { SCORING_PAGE_PARAMS } from "@/lib/scoring/schemas";
import { cardClass } from "@/components/ui/card";

export const metadata: Metadata = { title: "Close cycle" };

export default async function CloseCyclePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const parsedId = IdParamsSchema.safeParse(await params);
  if (!parsedId.success) notFound();
  const cycleId = parsedId.data.id;
  const { values: address, problems } = parseAddress(SCORING_PAGE_PARAMS, await searchParams);

  const [page, teams] = await Promise.all([
    loadOr404(() =>
      listScoringPage(actor, cycleId, { teamId: address.team, unknownTeam: "ignore", mine: address.mine ? actor.userId : undefined, cursor: address.cursor }),
    ),
    listTeamOptions(actor.orgId),
  ]);
  const { cycle, counts, objectives, nextCursor, isTeamUnknown } = page;
  if (isTeamUnknown) problems.push("No team with that id in this organisation: showing every team.");
  const filters = { team: isTeamUnknown ? undefined : address.team, mine: address.mine ?? false, cursor: address.cursor };
  const isActive = cycle.state === "active";
  const filterParams = new URLSearchParams({ ...(filters.team ? { team: filters.team } : {}), ...(filters.mine ? { mine: "1" } : {}) });
  const pageHref = (cursor?: string) => {
    const next = new URLSearchParams(filterParams);
    if (cursor) next.set("cursor", cursor);
    const text = next.toString();
    return `/cycles/${cycle.id}/close${text ? `?${text}` : ""}`;
  };

  return (
    <div className="space-y-6">
      <CycleHeader cycle={cycle} title={`Close ${cycle.name}`}>
        <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm text-slate-800">
          <li>Owners score each key result from 0.0 to 1.0. The score is prefilled from progress; 0.7 or more means delivered.</li>
          <li>Each objective gets a short retrospective: what went well, and what we learned.</li>
          <li>An admin writes the cycle summary and closes the cycle. From then on it is read-only.</li>
        </ol>
        <p className="mt-3 text-sm text-slate-900" data-testid="unscored-count" aria-live="polite">
          {counts.unscored === 0 ? (
            <>All {counts.keyResults} key results are scored.</>
          ) : (
            <>
              <strong className="font-semibold">{counts.unscored}</strong> of {counts.keyResults} key result{counts.keyResults === 1 ? "" : "s"} still unscored.
            </>
          )}{" "}
          <Link href={`/cycles/${cycle.id}/summary`} className="font-medium text-brand-700 underline">
            {isActive ? "Preview the summary" : "See the summary"}
          </Link>
        </p>
      </CycleHeader>

      <AddressProblems problems={problems} />

      {cycle.state === "closed" ? (
        <p role="status" className="rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-900 ring-1 ring-slate-300">
          {cycle.name} is closed and read-only. Its scores and retrospectives are on the summary page.
        </p>
      ) : null}
      {cycle.state === "planning" ? (
        <p role="status" className="rounded-md bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
          {cycle.name} is still in planning. Key results are scored when an active cycle closes.
        </p>
      ) : null}

      <form method="get" className={`flex flex-wrap items-end gap-3 p-4 ${cardClass}`} aria-label="Filter objectives">
        <div className="min-w-56 space-y-1">
          <label htmlFor="filter-team" className="block text-sm font-medium text-slate-800">
            Team (with its sub-teams)
          </label>
          <select id="filter-team" name="team" defaultValue={filters.team ?? ""} className={inputClass}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} className="size-4 rounded border-slate-400 focus:ring-2 focus:ring-brand-600" />
          Only mine
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          Apply filters
        </button>
      </form>

      {objectives.length === 0 ? (
        <EmptyState title={filters.team || filters.mine ? "No objectives match these filters" : "No objectives to score in this cycle"}>
          {filters.cursor ? (
            <Link className="font-medium text-brand-700 underline" href={pageHref()}>
              Back to the first page
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {objectives.map((objective) => (
            <ObjectiveClosingForm key={objective.id} objective={objective} />
          ))}
        </div>
      )}

      {filters.cursor || nextCursor ? (
        <nav aria-label="Pages of objectives" className="flex flex-wrap gap-3 text-sm">
          {filters.cursor ? (
            <Link className="font-medium text-brand-700 underline" href={pageHref()}>
              First page
            </Link>
          ) : null}
          {nextCursor ? (
            <Link className="font-medium text-brand-700 underline" href={pageHref(nextCursor)}>
              Next {SCORING_PAGE_SIZE} objectives
            </Link>
          ) : null}
        </nav>
      ) : null}

      {can(actor, "cycle.manage") ? (
        <CloseCycleSection
          cycleId={cycle.id}
          cycleName={cycle.name}
          summary={cycle.summary ?? ""}
          unscored={counts.unscored}
          daysLeft={Math.max(0, daysBetween(localDate(new Date()), cycle.endDate))}
          endsOn={formatDate(cycle.endDate)}
          isActive={isActive}
        />
      ) : null}
    </div>
  );
}
