import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CarryForwardForm } from "@/components/carry-forward/carry-forward-form";
import { AddressProblems } from "@/components/ui/address-problems";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { listCarryCandidates, listCarryTargets } from "@/lib/carry-forward/queries";
import { CARRY_CANDIDATES_PARAMS } from "@/lib/carry-forward/schemas";
import { requirePageActor } from "@/lib/auth/session";
import { CycleHeader } from "@/components/cycles/cycle-header";
import { parseAddress } from "@/lib/http/address";
import { loadOr404, type SearchParams } from "@/lib/http/page";
import { IdParamsSchema } from "@/lib/http/schemas";
import { listTeamOptions } from "@/lib/objectives/queries";
import { can, hasGrant } from "@/lib/permissions";
import { getCycleSummaryForPage } from "@/lib/scoring/queries";
import { formatScore, SCORE_BAND_LABEL, type ScoreBand } from "@/lib/scoring/score";
import { CYCLE_SUMMARY_PAGE_PARAMS } from "@/lib/scoring/schemas";
import { CardSection } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRowHeader } from "@/components/ui/table";

export const metadata: Metadata = { title: "Cycle summary" };

const BAND_STYLE: Record<ScoreBand, string> = {
  low: "bg-red-50 text-red-900 ring-red-200",
  mid: "bg-amber-50 text-amber-900 ring-amber-200",
  high: "bg-emerald-50 text-emerald-900 ring-emerald-200",
};

const BAND_MEANING: Record<ScoreBand, string> = { low: "missed", mid: "progress made", high: "delivered" };

export default async function CycleSummaryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const parsedId = IdParamsSchema.safeParse(await params);
  if (!parsedId.success) notFound();
  const cycleId = parsedId.data.id;
  // Both lists share the team filter; each keeps its own place in its pages.
  const { values: address, problems } = parseAddress({ ...CYCLE_SUMMARY_PAGE_PARAMS, ...CARRY_CANDIDATES_PARAMS }, await searchParams);

  const mayCarry = hasGrant(actor, "objective.create");
  const [{ summary, isTeamUnknown }, teams, carry, targets] = await Promise.all([
    loadOr404(() => getCycleSummaryForPage(actor.orgId, cycleId, { teamId: address.team, cursor: address.cursor })),
    listTeamOptions(actor.orgId),
    mayCarry ? loadOr404(() => listCarryCandidates(actor, cycleId, { teamId: address.team, unknownTeam: "ignore", cursor: address.carryCursor })) : Promise.resolve(null),
    mayCarry ? listCarryTargets(actor.orgId, cycleId) : Promise.resolve([]),
  ]);
  if (isTeamUnknown) problems.push("No team with that id in this organisation: showing every team.");
  const teamId = isTeamUnknown ? undefined : address.team;
  const { cycle } = summary;
  const bands = summary.keyResults.bands;
  const scoredKeyResults = summary.keyResults.scored;
  const link = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    const merged = { team: teamId, ...changes };
    for (const [key, value] of Object.entries(merged)) if (value) next.set(key, value);
    const text = next.toString();
    return `/cycles/${cycle.id}/summary${text ? `?${text}` : ""}`;
  };
  const showCarry = carry !== null && (can(actor, "cycle.manage") || carry.candidates.length > 0 || Boolean(address.carryCursor));

  return (
    <div className="space-y-6">
      <CycleHeader cycle={cycle} title={`${cycle.name}: summary`}>
        {cycle.state !== "closed" ? (
          <p role="status" className="mt-2 text-sm text-slate-800">
            A preview: {cycle.name} is still {cycle.state}, so scores may change.{" "}
            {cycle.state === "active" ? (
              <Link href={`/cycles/${cycle.id}/close`} className="font-medium text-brand-700 underline">
                Score and close the cycle
              </Link>
            ) : null}
          </p>
        ) : null}

        <dl className="mt-4 grid gap-4 sm:grid-cols-4">
          <div>
            <dt className="text-sm text-slate-700">Average objective score</dt>
            <dd className="text-2xl font-semibold text-slate-900" data-testid="average-score">
              {formatScore(summary.averageScore)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">Objectives scored</dt>
            <dd className="text-2xl font-semibold text-slate-900">
              {summary.scoredObjectiveCount} <span className="text-base font-normal text-slate-700">of {summary.objectiveCount}</span>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">Committed objectives</dt>
            <dd className="text-2xl font-semibold text-slate-900" data-testid="committed-average">
              {formatScore(summary.byKind.committed.averageScore)}
              <span className="ml-1 text-sm font-normal text-slate-700">({summary.byKind.committed.objectiveCount})</span>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">Aspirational objectives</dt>
            <dd className="text-2xl font-semibold text-slate-900" data-testid="aspirational-average">
              {formatScore(summary.byKind.aspirational.averageScore)}
              <span className="ml-1 text-sm font-normal text-slate-700">({summary.byKind.aspirational.objectiveCount})</span>
            </dd>
          </div>
        </dl>
      </CycleHeader>

      <AddressProblems problems={problems} />

      <CardSection aria-labelledby="text-heading">
        <h2 id="text-heading" className="text-base font-semibold">
          Cycle summary
        </h2>
        <p className="mt-2 whitespace-pre-line text-slate-900" data-testid="cycle-summary">
          {cycle.summary || <span className="text-slate-600">No summary written yet.</span>}
        </p>
      </CardSection>

      <div className="grid gap-6 lg:grid-cols-2">
        <CardSection aria-labelledby="bands-heading">
          <h2 id="bands-heading" className="text-base font-semibold">
            Key results by score
          </h2>
          <p className="text-sm text-slate-700">
            {scoredKeyResults} of {summary.keyResults.total} key results scored.
          </p>
          <ul className="mt-3 space-y-2">
            {(Object.keys(SCORE_BAND_LABEL) as ScoreBand[]).map((band) => (
              <li key={band} data-testid={`band-${band}`} className={`flex items-center justify-between rounded-md px-3 py-2 text-sm ring-1 ring-inset ${BAND_STYLE[band]}`}>
                <span>
                  {SCORE_BAND_LABEL[band]} <span className="text-xs">({BAND_MEANING[band]})</span>
                </span>
                <strong className="tabular-nums">{bands[band]}</strong>
              </li>
            ))}
          </ul>
        </CardSection>

        <CardSection aria-labelledby="teams-heading">
          <h2 id="teams-heading" className="text-base font-semibold">
            Average score by team
          </h2>
          {summary.teams.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">No team objective is scored yet.</p>
          ) : (
            <Table wrapperClassName="mt-2">
              <caption className="sr-only">Average objective score of each team, including its sub-teams</caption>
              <TableHead>
                <tr>
                  <TableHeader>Team (with sub-teams)</TableHeader>
                  <TableHeader className="text-right">Objectives</TableHeader>
                  <TableHeader className="text-right">Average</TableHeader>
                </tr>
              </TableHead>
              <TableBody>
                {summary.teams.map((t) => (
                  <tr key={t.teamId} data-testid="team-average">
                    <TableRowHeader className="text-slate-900" style={{ paddingLeft: `${0.75 + t.depth}rem` }}>
                      {t.name}
                    </TableRowHeader>
                    <TableCell className="text-right tabular-nums text-slate-800">{t.objectiveCount}</TableCell>
                    <TableCell className="text-right font-medium tabular-nums text-slate-900">{formatScore(t.averageScore)}</TableCell>
                  </tr>
                ))}
              </TableBody>
            </Table>
          )}
        </CardSection>
      </div>

      <CardSection aria-labelledby="retro-heading">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="retro-heading" className="text-base font-semibold">
            Retrospectives
          </h2>
          <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Filter by team">
            <div className="min-w-56 space-y-1">
              <label htmlFor="summary-team" className="block text-sm font-medium text-slate-800">
                Team (with its sub-teams)
              </label>
              <select id="summary-team" name="team" defaultValue={teamId ?? ""} className={inputClass}>
                <option value="">All teams</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Show
            </button>
          </form>
        </div>
        {summary.retrospectives.groups.length === 0 ? <p className="mt-2 text-sm text-slate-700">No retrospective written{teamId ? " for this team" : ""} yet.</p> : null}
        {summary.retrospectives.groups.map((group, i) => (
          <div key={`${group.teamId ?? "company"}-${i}`} className="mt-4">
            <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-700">{group.teamName}</h3>
            <ul className="mt-2 space-y-3">
              {group.items.map((item) => (
                <li key={item.objectiveId} data-testid="retrospective" className="rounded-md p-3 ring-1 ring-slate-200">
                  <p className="text-sm">
                    <Link href={`/objectives/${item.objectiveId}`} className="font-medium text-slate-900 hover:underline">
                      {item.title}
                    </Link>
                    <span className="ml-2 text-xs text-slate-700">
                      {item.ownerName} · score {formatScore(item.score)}
                      {item.state === "abandoned" ? " · abandoned" : ""}
                    </span>
                  </p>
                  <dl className="mt-2 grid gap-3 text-sm sm:grid-cols-2">
                    <div>
                      <dt className="font-medium text-slate-800">What went well</dt>
                      <dd className="whitespace-pre-line text-slate-900">{item.wentWell || "—"}</dd>
                    </div>
                    <div>
                      <dt className="font-medium text-slate-800">What we learned</dt>
                      <dd className="whitespace-pre-line text-slate-900">{item.learned || "—"}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {summary.retrospectives.nextCursor || address.cursor ? (
          <nav aria-label="Pages of retrospectives" className="mt-3 flex gap-3 text-sm">
            {address.cursor ? (
              <Link className="font-medium text-brand-700 underline" href={link({})}>
                First retrospectives
              </Link>
            ) : null}
            {summary.retrospectives.nextCursor ? (
              <Link className="font-medium text-brand-700 underline" href={link({ cursor: summary.retrospectives.nextCursor })}>
                More retrospectives
              </Link>
            ) : null}
          </nav>
        ) : null}
      </CardSection>

      <CardSection aria-labelledby="abandoned-heading">
        <h2 id="abandoned-heading" className="text-base font-semibold">
          Abandoned objectives ({summary.abandoned.total})
        </h2>
        {summary.abandoned.items.length === 0 ? <p className="mt-2 text-sm text-slate-700">None{teamId ? " for this team" : ""}.</p> : null}
        <ul className="mt-2 space-y-2">
          {summary.abandoned.items.map((item) => (
            <li key={item.objectiveId} data-testid="abandoned-objective" className="text-sm">
              <Link href={`/objectives/${item.objectiveId}`} className="font-medium text-slate-900 hover:underline">
                {item.title}
              </Link>
              <span className="ml-2 text-xs text-slate-700">
                {item.teamName} · {item.ownerName}
              </span>
              <p className="text-slate-800">Why: {item.reason || "no reason recorded"}</p>
            </li>
          ))}
        </ul>
        {summary.abandoned.total > summary.abandoned.items.length ? (
          <p className="mt-2 text-sm text-slate-700">
            And {summary.abandoned.total - summary.abandoned.items.length} more; choose a team above to see its own.
          </p>
        ) : null}
      </CardSection>

      {showCarry && carry ? (
        <CardSection aria-labelledby="carry-heading">
          <h2 id="carry-heading" className="text-base font-semibold">
            Carry forward
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            Copy unfinished objectives into the next cycle with their key results, starting where they got to. A copy stays aligned when what it
            contributed to is carried too.
          </p>
          {targets.length === 0 ? (
            <p className="mt-3 text-sm text-slate-800">
              There is no cycle in planning or active to carry into.{" "}
              <Link href="/cycles" className="font-medium text-brand-700 underline">
                Create the next cycle
              </Link>{" "}
              first.
            </p>
          ) : carry.candidates.length === 0 ? (
            <p className="mt-3 text-sm text-slate-800">No objective{teamId ? " of this team" : ""} you can carry forward on this page.</p>
          ) : (
            <div className="mt-3">
              <CarryForwardForm fromCycleId={cycle.id} candidates={carry.candidates} targets={targets} />
            </div>
          )}
          {carry.nextCursor || address.carryCursor ? (
            <nav aria-label="Pages of objectives to carry" className="mt-3 flex gap-3 text-sm">
              {address.carryCursor ? (
                <Link className="font-medium text-brand-700 underline" href={link({})}>
                  First objectives
                </Link>
              ) : null}
              {carry.nextCursor ? (
                <Link className="font-medium text-brand-700 underline" href={link({ carryCursor: carry.nextCursor })}>
                  More objectives to carry
                </Link>
              ) : null}
            </nav>
          ) : null}
        </CardSection>
      ) : null}
    </div>
  );
}
