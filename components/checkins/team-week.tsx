import { formatValue, formatWeek } from "@/lib/format";
import type { TeamWeekKeyResult, TeamWeekPerson } from "@/lib/checkins/queries";
import { WEEK_STATE_LABEL, type WeekState } from "@/lib/checkins/status";
import { ForecastLine } from "@/components/checkins/forecast-line";
import { CONFIDENCE_LABEL, ConfidenceBadge } from "@/components/ui/progress";
import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATE_TONE: Record<WeekState, BadgeTone> = { checked_in: "success", overdue: "danger", due_today: "warning", not_due: "neutral" };

export function WeekStateBadge({ state }: { state: WeekState }) {
  return <Badge tone={STATE_TONE[state]}>{WEEK_STATE_LABEL[state]}</Badge>;
}

function ConfidenceChange({ kr }: { kr: TeamWeekKeyResult }) {
  if (!kr.checkIn) return null;
  const now = kr.checkIn.confidence;
  const before = kr.previous?.confidence;
  if (!before) return <span className="text-xs text-slate-700">first check-in</span>;
  if (before === now) return <span className="text-xs text-slate-700">unchanged</span>;
  return (
    <span className="text-xs font-medium text-slate-900">
      was {CONFIDENCE_LABEL[before]}
    </span>
  );
}

/** Where the previous value comes from, when it is older than the week just before (a week was skipped). */
function previousValue(kr: TeamWeekKeyResult): string {
  if (!kr.previous) return "";
  const value = formatValue(kr.previous.value, kr);
  return kr.previous.weeksBefore === 1 ? value : `${value} in the week of ${formatWeek(kr.previous.week)}`;
}

function NoCheckIn({ kr }: { kr: TeamWeekKeyResult }) {
  const previous = kr.previous;
  if (!previous) return <p className="mt-1 text-slate-700">No check-in this week.</p>;
  const confidence = CONFIDENCE_LABEL[previous.confidence].toLowerCase();
  const when = previous.weeksBefore === 1 ? "last week" : `last check-in in the week of ${formatWeek(previous.week)}:`;
  return (
    <p className="mt-1 text-slate-700">
      No check-in this week; {when} {formatValue(previous.value, kr)}, {confidence}.
    </p>
  );
}

/** One person's week in a team: their status, and per key result the value, the confidence change and the note. */
export function TeamWeekPersonCard({ person, action }: { person: TeamWeekPerson; action?: ReactNode }) {
  return (
    <li data-testid="person-row" aria-labelledby={`person-${person.userId}`} className="px-4 py-4">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id={`person-${person.userId}`} className="font-medium text-slate-900">
          {person.name}
        </h3>
        {person.isLead ? <span className="text-xs text-slate-700">lead</span> : null}
        <WeekStateBadge state={person.state} />
        <span className="text-sm text-slate-700">
          {person.done} of {person.due} key result{person.due === 1 ? "" : "s"}
        </span>
        {person.nudgedBy && !action ? <span className="text-xs text-slate-700">Nudged by {person.nudgedBy}</span> : null}
        <div className="ml-auto">{action}</div>
      </div>
      <ul className="mt-2 space-y-2">
        {person.keyResults.map((kr) => (
          <li key={kr.id} className="rounded-lg bg-slate-50 px-3 py-2 text-sm">
            <p className="font-medium text-slate-900">{kr.title}</p>
            {kr.forecast?.isOffPace ? <ForecastLine forecast={kr.forecast} kr={kr} confidence={kr.checkIn?.confidence ?? kr.previous?.confidence} className="mt-1" /> : null}
            {kr.checkIn ? (
              <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-700">
                <span>
                  <span className="font-medium text-slate-900">{formatValue(kr.checkIn.value, kr)}</span>
                  {kr.previous ? ` (was ${previousValue(kr)})` : ""}
                </span>
                <ConfidenceBadge confidence={kr.checkIn.confidence} />
                <ConfidenceChange kr={kr} />
                {kr.checkIn.version > 1 ? <span className="text-xs">updated {kr.checkIn.version - 1}×</span> : null}
              </div>
            ) : (
              <NoCheckIn kr={kr} />
            )}
            {kr.checkIn?.note ? <p className="mt-1 whitespace-pre-line text-slate-800">“{kr.checkIn.note}”</p> : null}
          </li>
        ))}
      </ul>
    </li>
  );
}
