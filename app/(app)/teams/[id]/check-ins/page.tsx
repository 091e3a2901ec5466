import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProgressTrendChart } from "@/components/charts/progress-trend-chart";
import { NudgeControl } from "@/components/checkins/nudge-control";
import { TeamWeekPersonCard } from "@/components/checkins/team-week";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { formatWeek } from "@/lib/format";
import { getTeamWeek } from "@/lib/checkins/queries";
import { isoDate, parseIsoDate } from "@/lib/dates/week";
import { firstParam, loadOr404, pageCycle, type SearchParams } from "@/lib/http/page";
import { can } from "@/lib/permissions";
import { cardClass, CardSection } from "@/components/ui/card";
import { IdSchema } from "@/lib/http/schemas";

export const metadata: Metadata = { title: "Team check-ins" };

const TeamIdSchema = IdSchema;

export default async function TeamCheckInsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const teamId = TeamIdSchema.safeParse(id);
  if (!teamId.success) notFound();
  const cycle = await pageCycle(actor, searchParams);
  if (!cycle) return <EmptyState title="No cycle yet">Check-ins start when a cycle is active.</EmptyState>;
  const query = await searchParams;
  const requestedWeek = parseIsoDate(firstParam(query.week) ?? "");
  const data = await loadOr404(() => getTeamWeek(actor, teamId.data, cycle, requestedWeek));
  const canNudge = can(actor, "checkin.nudge", { teamId: data.team.id });
  const link = (week: string) => `/teams/${data.team.id}/check-ins?cycle=${cycle.id}&week=${week}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{data.team.name}: check-ins</h1>
          <p className="text-sm text-slate-700">
            {cycle.name} · week of {formatWeek(data.week)}
            {data.isCurrentWeek ? " (this week)" : ""}
          </p>
        </div>
        <nav aria-label="Weeks" className="flex items-center gap-2 text-sm">
          {data.previousWeek ? (
            <Link className="rounded-md px-2.5 py-1.5 font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50" href={link(data.previousWeek)}>
              ← Week of {formatWeek(data.previousWeek)}
            </Link>
          ) : null}
          {data.nextWeek ? (
            <Link className="rounded-md px-2.5 py-1.5 font-medium text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50" href={link(data.nextWeek)}>
              Week of {formatWeek(data.nextWeek)} →
            </Link>
          ) : null}
        </nav>
      </div>

      {data.people.length === 0 ? (
        <EmptyState title="No key results to check in">
          {data.team.name} has no key results in {cycle.name}.
        </EmptyState>
      ) : (
        <>
          <CardSection aria-labelledby="summary-heading" className="grid gap-4 lg:grid-cols-[16rem_1fr]">
            <div>
              <h2 id="summary-heading" className="text-base font-semibold">
                Who has checked in
              </h2>
              <p data-testid="check-in-summary" className="mt-2 text-sm text-slate-700">
                <span className="block text-2xl font-semibold text-slate-900">
                  {data.counts.checkedIn} of {data.counts.people}
                </span>
                checked in · {data.counts.overdue} overdue
              </p>
            </div>
            <div>
              <h2 className="text-base font-semibold">Progress trend</h2>
              <ProgressTrendChart points={data.trend} label={`${data.team.name} progress by week`} cycleStart={isoDate(cycle.startDate)} cycleEnd={isoDate(cycle.endDate)} />
            </div>
          </CardSection>

          <section aria-labelledby="people-heading">
            <h2 id="people-heading" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-700">
              People and notes
            </h2>
            <ul className={`divide-y divide-slate-100 overflow-hidden ${cardClass}`}>
              {data.people.map((person) => (
                <TeamWeekPersonCard
                  key={person.userId}
                  person={person}
                  action={
                    canNudge && data.isCurrentWeek && person.state !== "checked_in" && person.userId !== actor.userId ? (
                      <NudgeControl teamId={data.team.id} userId={person.userId} name={person.name} nudgedBy={person.nudgedBy} />
                    ) : null
                  }
                />
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
