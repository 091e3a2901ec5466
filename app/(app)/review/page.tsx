import type { Metadata } from "next";
import Link from "next/link";
import { PrintButton } from "@/components/review/print-button";
import { AddressProblems } from "@/components/ui/address-problems";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, cardClass, CardSection, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { ConfidenceBadge, formatPercent, ProgressBar } from "@/components/ui/progress";
import { requirePageActor } from "@/lib/auth/session";
import { isoDate } from "@/lib/dates/week";
import { formatDate, formatRelative, formatValue, plural } from "@/lib/format";
import { pageCycle, type SearchParams } from "@/lib/http/page";
import { ReadTimeoutError } from "@/lib/db/read";
import { FOCUS_SHOWN, parseReviewParams } from "@/lib/review/params";
import { reviewBlastRadius, type ReviewBlast } from "@/lib/dependencies/queries";
import { loadReview, STALE_DAYS, type KeyResultItem, type ReviewData, type TeamRow } from "@/lib/review/queries";

export const metadata: Metadata = { title: "Review" };

function Section({ id, title, children, note }: { id: string; title: string; children: React.ReactNode; note?: React.ReactNode }) {
  return (
    <CardSection aria-labelledby={id} className="break-inside-avoid print:shadow-none print:ring-0">
      <CardTitle id={id}>{title}</CardTitle>
      {note ? <p className="mt-0.5 text-sm text-slate-700">{note}</p> : null}
      <div className="mt-3">{children}</div>
    </CardSection>
  );
}

function Delta({ value }: { value: number }) {
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return <span className="text-slate-600">±0</span>;
  return <span className={rounded > 0 ? "font-medium text-emerald-800" : "font-medium text-red-800"}>{rounded > 0 ? `+${rounded}` : rounded} pts</span>;
}

function FocusMore({ focus }: { focus: ReviewData["focus"] }) {
  const cut = [
    [focus.teams.length, "team", "teams"],
    [focus.objectives.length, "objective", "objectives"],
    [focus.people.length, "person", "people"],
  ] as const;
  const over = cut.filter(([n]) => n > FOCUS_SHOWN).map(([n, one, many]) => plural(n, one, many));
  if (!over.length) return null;
  const listed = over.length > 1 ? `${over.slice(0, -1).join(", ")} and ${over[over.length - 1]}` : over[0];
  return (
    <p className="mt-2 text-sm text-slate-700" data-testid="focus-more">
      Showing the {FOCUS_SHOWN} furthest over their limit of {listed}. What changed (CSV) lists them all.
    </p>
  );
}

function ConfidenceMix({ counts }: { counts: TeamRow["confidence"] }) {
  const total = counts.on_track + counts.at_risk + counts.off_track + counts.none;
  if (!total) return <span className="text-xs text-slate-600">no key results</span>;
  const parts = [
    ["bg-emerald-600", counts.on_track, "on track"],
    ["bg-amber-500", counts.at_risk, "at risk"],
    ["bg-red-600", counts.off_track, "off track"],
    ["bg-slate-300", counts.none, "no check-in"],
  ] as const;
  return (
    <div>
      <div className="flex h-2 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
        {parts.map(([colour, n]) => (n ? <div key={colour} className={colour} style={{ width: `${(n / total) * 100}%` }} /> : null))}
      </div>
      <p className="mt-0.5 text-xs text-slate-700">{parts.filter(([, n]) => n).map(([, n, label]) => `${n} ${label}`).join(" · ")}</p>
    </div>
  );
}

function BlastRadius({ items }: { items: ReviewBlast[] }) {
  if (!items.length) return <p className="text-sm text-slate-700">No key result in trouble has others depending on it.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="review-blast-radius">
      {items.map((b) => {
        const teams = new Set(b.keyResults.map((k) => k.teamName ?? "Company"));
        return (
          <li key={b.id} className="py-2 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <Link href={`/objectives/${b.objectiveId}`} className="font-medium text-slate-900 hover:underline">
                {b.title}
              </Link>
              <span className="text-xs text-slate-700">{b.teamName ?? "Company"}</span>
              <ConfidenceBadge confidence={b.confidence} />
            </p>
            <p className="text-slate-800">
              {plural(b.keyResults.length, "key result")} in {plural(teams.size, "team")} and {plural(b.objectiveCount, "objective")} above them rely on it:{" "}
              {b.keyResults.slice(0, 5).map((k, i) => (
                <span key={k.id}>
                  {i ? ", " : ""}
                  <Link href={`/objectives/${k.objectiveId}`} className="underline-offset-2 hover:underline">
                    {k.title}
                  </Link>{" "}
                  <span className="text-xs text-slate-700">({k.teamName ?? "Company"})</span>
                </span>
              ))}
              {b.keyResults.length > 5 ? ` and ${b.keyResults.length - 5} more` : ""}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function KeyResultList({ items, showNote, showTeam = true, empty }: { items: KeyResultItem[]; showNote?: boolean; showTeam?: boolean; empty: string }) {
  if (!items.length) return <p className="text-sm text-slate-700">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((kr) => (
        <li key={kr.id} className="grid gap-1 py-2 sm:grid-cols-[1fr_9rem_7rem] sm:items-center">
          <div className="min-w-0 text-sm">
            <p className="font-medium text-slate-900">{kr.title}</p>
            <p className="text-xs text-slate-700">
              <Link className="underline-offset-2 hover:underline" href={`/objectives/${kr.objectiveId}`}>
                {kr.objectiveTitle}
              </Link>{" "}
              {showTeam ? ` · ${kr.teamName ?? "Company"}` : ""} · {kr.ownerName} · {kr.lastCheckInAt ? `checked in ${formatRelative(kr.lastCheckInAt)}` : "never checked in"}
            </p>
            {showNote && kr.note ? <p className="mt-0.5 text-xs italic text-slate-700">“{kr.note}”</p> : null}
          </div>
          <ProgressBar value={kr.progress} label={`Progress of ${kr.title}`} size="sm" />
          <div className="sm:text-right">
            <ConfidenceBadge confidence={kr.confidence} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/**
 * The key results that need attention, one group per team so a long list reads as "whose", in the order of each
 * team's most worrying key result; within a team the list keeps its order, most worrying first.
 */
function KeyResultsByTeam({ items, empty }: { items: KeyResultItem[]; empty: string }) {
  if (!items.length) return <p className="text-sm text-slate-700">{empty}</p>;
  const groups = new Map<string, KeyResultItem[]>();
  for (const kr of items) {
    const team = kr.teamName ?? "Company";
    groups.set(team, [...(groups.get(team) ?? []), kr]);
  }
  return (
    <div className="space-y-4" data-testid="attention-by-team">
      {[...groups].map(([team, krs], i) => (
        <div key={team} role="group" aria-labelledby={`attention-team-${i}`} data-testid="attention-team">
          <h3 id={`attention-team-${i}`} className="text-sm font-semibold text-slate-800">
            {team} <span className="font-normal text-slate-700">· {plural(krs.length, "key result")}</span>
          </h3>
          <KeyResultList items={krs} showNote showTeam={false} empty={empty} />
        </div>
      ))}
    </div>
  );
}

export default async function ReviewPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const cycle = await pageCycle(actor, searchParams);
  if (!cycle) return <EmptyState title="No cycle yet">Create a cycle to plan objectives; the review follows them.</EmptyState>;
  const raw = await searchParams;
  const { since, teamId: askedTeam, problems } = parseReviewParams(raw, cycle, new Date());
  let review: ReviewData;
  try {
    // Two levels of the team tree at a time (each team rolls up everything beneath it); choosing a team goes deeper.
    review = await loadReview(actor.orgId, cycle, since, askedTeam, { teamDepth: 1, pickableTeamOnly: true });
  } catch (error) {
    if (!(error instanceof ReadTimeoutError)) throw error;
    return (
      <EmptyState title="The review is taking too long">
        <p role="alert" data-testid="review-timeout">
          {error.message}
        </p>
        <Link className={`mt-3 ${buttonClass("secondary", "sm")}`} href={`/review?${new URLSearchParams({ cycle: cycle.id, since: isoDate(since), ...(askedTeam ? { team: askedTeam } : {}) })}`}>
          Try again
        </Link>
      </EmptyState>
    );
  }
  const teams = review.teamOptions;
  const teamId = review.scope;
  if (askedTeam && askedTeam !== teamId) problems.push("No team with that id in this organisation; showing every team.");
  const scopeLabel = teamId ? teams.find((t) => t.id === teamId)!.label : "the whole organisation";
  const query = new URLSearchParams({ cycle: cycle.id, since: isoDate(since), ...(teamId ? { team: teamId } : {}) });
  const { changes } = review;
  const blast = await reviewBlastRadius(actor.orgId, cycle.id, teamId);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Review · {cycle.name}</h1>
          <p className="text-sm text-slate-700">
            {scopeLabel}, changes since {formatDate(since)} · {formatDate(cycle.startDate)} – {formatDate(cycle.endDate)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2 print:hidden">
          <a className={buttonClass("secondary", "sm")} href={`/review/export?${query}&section=key-results`}>
            Key results (CSV)
          </a>
          <a className={buttonClass("secondary", "sm")} href={`/review/export?${query}&section=teams`}>
            Teams (CSV)
          </a>
          <a className={buttonClass("secondary", "sm")} href={`/review/export?${query}&section=changes`}>
            What changed (CSV)
          </a>
          <PrintButton />
        </div>
      </div>

      <form method="get" className={`flex flex-wrap items-end gap-3 p-3 print:hidden ${cardClass}`} aria-label="Review settings">
        <input type="hidden" name="cycle" value={cycle.id} />
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Changes since</span>
          <input type="date" name="since" defaultValue={isoDate(since)} min={isoDate(cycle.startDate)} max={isoDate(cycle.endDate)} className="mt-1 rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Team</span>
          <select name="team" defaultValue={teamId ?? ""} className="mt-1 max-w-72 rounded-md py-1.5 text-sm ring-1 ring-slate-300">
            <option value="">Whole organisation</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" size="sm">
          Show
        </Button>
      </form>

      <AddressProblems problems={problems} />

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Card className="p-4">
          <p className="text-sm text-slate-700">Progress</p>
          <ProgressBar value={review.overallProgress} label="Overall progress" />
        </Card>
        <Card className="p-4">
          <p className="text-2xl font-semibold" data-testid="attention-count">
            {review.attention.total}
          </p>
          <p className="text-sm text-slate-700">key results at risk or off track</p>
        </Card>
        <Card className="p-4">
          <p className="text-2xl font-semibold">{review.stale.total}</p>
          <p className="text-sm text-slate-700">without a check-in for {STALE_DAYS} days or more</p>
        </Card>
        <Card className="p-4" data-testid="change-summary">
          <p className="text-sm text-slate-700">Since {formatDate(since)}</p>
          <p className="text-sm">
            <span className="font-semibold text-emerald-800">{changes.summary.improved} moved forward</span>,{" "}
            <span className="font-semibold text-red-800">{changes.summary.declined} back</span>; confidence down on {changes.summary.confidenceWorse}, up on {changes.summary.confidenceBetter}
          </p>
        </Card>
      </div>

      <Section
        id="teams-heading"
        title="Progress and confidence by team"
        note={`Each team includes the teams beneath it.${review.hiddenTeamCount ? ` ${review.hiddenTeamCount} teams further down: choose a team to see them.` : ""}`}
      >
        {review.teams.length === 0 ? (
          <p className="text-sm text-slate-700">No team objectives in this cycle.</p>
        ) : (
          <Table data-testid="team-rollup">
            <TableHead>
              <tr>
                <TableHeader>Team</TableHeader>
                <TableHeader className="w-28 text-right">Objectives</TableHeader>
                <TableHeader className="w-48">Progress</TableHeader>
                <TableHeader className="w-64">Key result confidence</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {review.teams.map((t) => (
                <tr key={t.id}>
                  <TableCell style={{ paddingLeft: 12 + t.depth * 16 }}>
                    <Link className="hover:underline" href={`/review?${new URLSearchParams({ cycle: cycle.id, since: isoDate(since), team: t.id })}`}>
                      {t.name}
                    </Link>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{t.objectiveCount}</TableCell>
                  <TableCell>
                    <ProgressBar value={t.progress} label={`Progress of ${t.name}`} size="sm" />
                  </TableCell>
                  <TableCell>
                    <ConfidenceMix counts={t.confidence} />
                  </TableCell>
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <Section
        id="focus-heading"
        title="Focus"
        note={`Limits: ${review.focus.limits.maxObjectivesPerTeam} objectives per team, ${review.focus.limits.maxKeyResultsPerObjective} key results per objective, ${review.focus.limits.maxKeyResultsPerPerson} key results per person.`}
      >
        {review.focus.teams.length + review.focus.objectives.length + review.focus.people.length === 0 ? (
          <p className="text-sm text-slate-700">Nobody is spread beyond the limits.</p>
        ) : (
          <>
            <ul className="space-y-1 text-sm" data-testid="focus-warnings">
              {review.focus.teams.slice(0, FOCUS_SHOWN).map((t) => (
                <li key={t.teamId}>
                  <strong className="font-medium">{t.name}</strong> has {t.count} objectives (limit {t.limit})
                </li>
              ))}
              {review.focus.objectives.slice(0, FOCUS_SHOWN).map((o) => (
                <li key={o.objectiveId}>
                  <Link className="font-medium hover:underline" href={`/objectives/${o.objectiveId}`}>
                    {o.title}
                  </Link>{" "}
                  has {o.count} key results (limit {o.limit})
                </li>
              ))}
              {review.focus.people.slice(0, FOCUS_SHOWN).map((p) => (
                <li key={p.userId}>
                  <strong className="font-medium">{p.name}</strong> owns {p.count} key results (limit {p.limit})
                </li>
              ))}
            </ul>
            <FocusMore focus={review.focus} />
          </>
        )}
      </Section>

      <Section
        id="attention-heading"
        title="At risk or off track"
        note={review.attention.total > review.attention.items.length ? `The ${review.attention.items.length} most worrying of ${review.attention.total}: choose a team, or export the CSV for all of them.` : undefined}
      >
        <KeyResultsByTeam items={review.attention.items} empty="Nothing is at risk or off track." />
      </Section>

      <Section id="blast-heading" title="Blast radius" note="Key results in trouble that others depend on, and everything that relies on them, up to the top.">
        <BlastRadius items={blast} />
      </Section>

      <Section
        id="stale-heading"
        title={`No check-in for ${STALE_DAYS} days or more`}
        note={review.stale.total > review.stale.items.length ? `The ${review.stale.items.length} quietest of ${review.stale.total}.` : undefined}
      >
        <KeyResultList items={review.stale.items} empty="Every key result has a recent check-in." />
      </Section>

      <Section id="changes-heading" title={`What changed since ${formatDate(since)}`}>
        <div className="space-y-5">
          <div>
            <h3 className="text-sm font-semibold text-slate-800">Objectives that moved most</h3>
            {changes.objectives.length === 0 ? <p className="text-sm text-slate-700">No objective moved.</p> : null}
            <ul className="mt-1 divide-y divide-slate-100" data-testid="objective-movers">
              {changes.objectives.map((o) => (
                <li key={o.objectiveId} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm">
                  <Link className="font-medium hover:underline" href={`/objectives/${o.objectiveId}`}>
                    {o.title}
                  </Link>
                  <span>
                    {formatPercent(o.progressThen)} → {formatPercent(o.progressNow)} <Delta value={o.delta} />
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-800">Key results: progress and confidence</h3>
            {changes.keyResults.length === 0 ? <p className="text-sm text-slate-700">No key result moved.</p> : null}
            <ul className="mt-1 divide-y divide-slate-100" data-testid="key-result-movers">
              {changes.keyResults.map((k) => (
                <li key={k.id} className="grid gap-1 py-1.5 text-sm sm:grid-cols-[1fr_auto] sm:items-center">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">
                      {k.title}
                      {k.isNew ? <span className="ml-1 rounded bg-sky-50 px-1 text-xs text-sky-900">new</span> : null}
                    </p>
                    <p className="text-xs text-slate-700">{k.objectiveTitle}</p>
                  </div>
                  <p className="flex flex-wrap items-center gap-2">
                    {formatPercent(k.progressThen)} → {formatPercent(k.progressNow)} <Delta value={k.delta} />
                    {k.confidenceTrend !== 0 ? (
                      <span className="flex items-center gap-1 text-xs">
                        <ConfidenceBadge confidence={k.confidenceThen} /> → <ConfidenceBadge confidence={k.confidenceNow} />
                      </span>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-800">Targets changed</h3>
            {changes.targetChanges.length === 0 ? <p className="text-sm text-slate-700">No target changed.</p> : null}
            <ul className="mt-1 space-y-2" data-testid="target-changes">
              {changes.targetChanges.map((t) => (
                <li key={t.id} className="text-sm">
                  <p>
                    <strong className="font-medium">{t.keyResultTitle}</strong>{" "}
                    {t.before?.targetValue !== undefined && t.after?.targetValue !== undefined ? (
                      <>
                        target <del className="text-slate-600">{formatValue(t.before.targetValue, t.measure)}</del> → <span className="font-medium">{formatValue(t.after.targetValue, t.measure)}</span>
                      </>
                    ) : (
                      "measure changed"
                    )}{" "}
                    <span className="text-xs text-slate-600">
                      by {t.actorName}, {formatRelative(t.at)} ·{" "}
                      <Link className="underline-offset-2 hover:underline" href={`/objectives/${t.objectiveId}`}>
                        {t.objectiveTitle}
                      </Link>
                    </span>
                  </p>
                  {t.reason ? <p className="text-xs text-slate-800">Why: {t.reason}</p> : null}
                </li>
              ))}
            </ul>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <h3 className="text-sm font-semibold text-slate-800">Objectives added</h3>
              {changes.added.length === 0 ? <p className="text-sm text-slate-700">None.</p> : null}
              <ul className="mt-1 space-y-1" data-testid="objectives-added">
                {changes.added.map((o) => (
                  <li key={o.id} className="text-sm">
                    <Link className="font-medium hover:underline" href={`/objectives/${o.id}`}>
                      {o.title}
                    </Link>{" "}
                    <span className="text-xs text-slate-600">
                      {o.teamName ?? "Company"} · {o.ownerName} · {formatRelative(o.at)}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3 className="text-sm font-semibold text-slate-800">Objectives abandoned</h3>
              {changes.abandoned.length === 0 ? <p className="text-sm text-slate-700">None.</p> : null}
              <ul className="mt-1 space-y-1" data-testid="objectives-abandoned">
                {changes.abandoned.map((o) => (
                  <li key={o.id} className="text-sm">
                    <Link className="font-medium text-slate-600 line-through hover:underline" href={`/objectives/${o.id}`}>
                      {o.title}
                    </Link>{" "}
                    <span className="text-xs text-slate-600">
                      {o.teamName ?? "Company"} · by {o.actorName}, {formatRelative(o.at)}
                    </span>
                    {o.reason ? <p className="text-xs text-slate-800">Why: {o.reason}</p> : null}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      </Section>
    </div>
  );
}
