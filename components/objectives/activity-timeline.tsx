import type { ReactNode } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { CardSection } from "@/components/ui/card";
import { ConfidenceBadge } from "@/components/ui/progress";
import { formatDateTime, formatRelative, plural } from "@/lib/format";
import type { TimelineEntry } from "@/lib/history/timeline";
import type { ActionState } from "@/lib/http/action";

interface Props {
  entries: readonly TimelineEntry[];
  canDeleteComment: (authorId: string) => boolean;
  deleteCommentAction: (state: ActionState<{ id: string }>, form: FormData) => Promise<ActionState<{ id: string }>>;
  /** The comment form, when the reader may comment. */
  children?: ReactNode;
}

function When({ at }: { at: Date }) {
  return (
    <time className="text-xs text-slate-600" dateTime={at.toISOString()} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

const KIND_MARK: Record<TimelineEntry["kind"], { label: string; className: string }> = {
  "check-in": { label: "Check-in", className: "bg-brand-50 text-brand-800 ring-brand-600/30" },
  comment: { label: "Comment", className: "bg-slate-100 text-slate-800 ring-slate-500/30" },
  change: { label: "Change", className: "bg-amber-50 text-amber-900 ring-amber-600/40" },
};

function Kind({ kind }: { kind: TimelineEntry["kind"] }) {
  const mark = KIND_MARK[kind];
  return <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${mark.className}`}>{mark.label}</span>;
}

/**
 * The objective's story in one list, newest first: check-ins with their value, confidence and note, comments, and
 * changes with old and new values and the reason given. Each entry names its kind in words, not only by colour.
 */
export function ActivityTimeline({ entries, canDeleteComment, deleteCommentAction, children }: Props) {
  const counts = { "check-in": 0, comment: 0, change: 0 };
  for (const e of entries) counts[e.kind] += 1;
  return (
    <CardSection aria-labelledby="activity-heading">
      <h2 id="activity-heading" className="text-base font-semibold">
        Activity
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {plural(counts["check-in"], "check-in")} · {plural(counts.comment, "comment")} · {plural(counts.change, "change")}, newest first
      </p>
      {children ? <div className="mt-3">{children}</div> : null}
      {entries.length === 0 ? <p className="mt-3 text-sm text-slate-700">Nothing has happened yet.</p> : null}
      <ol className="mt-3 space-y-3" data-testid="timeline">
        {entries.map((entry) => {
          if (entry.kind === "check-in") {
            return (
              <li key={`c-${entry.id}`} data-testid="timeline-entry" data-kind="check-in" className="text-sm">
                <p className="flex flex-wrap items-center gap-x-1 gap-y-1">
                  <Kind kind="check-in" />
                  <strong className="font-medium">{entry.authorName}</strong> checked in “{entry.keyResultTitle}” at <span className="font-medium">{entry.value}</span>
                  <ConfidenceBadge confidence={entry.confidence} />
                  {entry.isEdited ? <span className="text-xs text-slate-600">(updated)</span> : null}
                  {entry.via ? <span className="text-xs text-slate-600">via {entry.via}</span> : null} <When at={entry.at} />
                </p>
                {entry.note ? <p className="ml-4 mt-1 whitespace-pre-line text-slate-900">“{entry.note}”</p> : null}
              </li>
            );
          }
          if (entry.kind === "comment") {
            return (
              <li key={`m-${entry.id}`} data-testid="timeline-entry" data-kind="comment" className="text-sm">
                <div data-testid="comment">
                  <p>
                    <Kind kind="comment" />
                    <strong className="font-medium">{entry.authorName}</strong> commented <When at={entry.at} />
                  </p>
                  <p className="ml-4 mt-1 whitespace-pre-line text-slate-900">{entry.body}</p>
                  {canDeleteComment(entry.authorId) ? (
                    <div className="ml-4">
                      <ActionButton action={deleteCommentAction} fields={{ commentId: entry.id }} label="Delete" accessibleLabel={`Delete the comment by ${entry.authorName}`} variant="ghost" confirm={{ title: "Delete this comment?", description: "It disappears for everyone. This cannot be undone.", confirmLabel: "Delete comment" }} />
                    </div>
                  ) : null}
                </div>
              </li>
            );
          }
          return (
            <li key={`h-${entry.id}`} data-testid="timeline-entry" data-kind="change" className="text-sm">
              <div data-testid="history-entry">
                <p>
                  <Kind kind="change" />
                  <strong className="font-medium">{entry.actorName}</strong> {entry.summary} <When at={entry.at} />
                </p>
                {entry.changes.length ? (
                  <ul className="ml-4 mt-1 text-xs text-slate-700">
                    {entry.changes.map((change) => (
                      <li key={change.field}>
                        {change.field}: <del className="text-slate-600">{change.from}</del> → <ins className="font-medium text-slate-900 no-underline">{change.to}</ins>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {entry.reason ? <p className="ml-4 mt-1 text-xs text-slate-800">Why: {entry.reason}</p> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </CardSection>
  );
}
