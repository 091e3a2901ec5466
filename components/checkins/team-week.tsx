import { formatValue } from "@/lib/checkins/format";
import type { TeamWeekKeyResult, TeamWeekPerson } from "@/lib/checkins/queries";
import { WEEK_STATE_LABEL, type WeekState } from "@/lib/checkins/status";
import { CONFIDENCE_LABEL, ConfidenceBadge } from "@/components/ui/progress";
import type { ReactNode } from "react";

const STATE_STYLE: Record<WeekState, string> = {
  checked_in: "bg-emerald-50 text-emerald-900 ring-emerald-600/30",
  overdue: "bg-red-50 text-red-800 ring-red-600/30",
  due_today: "bg-amber-50 text-amber-900 ring-amber-600/40",
  not_due: "bg-slate-100 text-slate-800 ring-slate-500/30",
};

export function WeekStateBadge({ state }: { state: WeekState }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATE_STYLE[state]}`}>{WEEK_STATE_LABEL[state]}</span>;
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
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium text-slate-900">{kr.title}</span>
              {kr.forecast?.isOffPace ? <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-inset ring-red-600/30">Off pace</span> : null}
            </div>
            {kr.checkIn ? (
              <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-700">
                <span>
                  <span className="font-medium text-slate-900">{formatValue(kr.checkIn.value, kr)}</span>
                  {kr.previous ? ` (was ${formatValue(kr.previous.value, kr)})` : ""}
                </span>
                <ConfidenceBadge confidence={kr.checkIn.confidence} />
                <ConfidenceChange kr={kr} />
                {kr.checkIn.version > 1 ? <span className="text-xs">updated {kr.checkIn.version - 1}×</span> : null}
              </div>
            ) : (
              <p className="mt-1 text-slate-700">No check-in this week{kr.previous ? `; last week ${formatValue(kr.previous.value, kr)}, ${CONFIDENCE_LABEL[kr.previous.confidence].toLowerCase()}` : ""}.</p>
            )}
            {kr.checkIn?.note ? <p className="mt-1 whitespace-pre-line text-slate-800">“{kr.checkIn.note}”</p> : null}
          </li>
        ))}
      </ul>
    </li>
  );
}
