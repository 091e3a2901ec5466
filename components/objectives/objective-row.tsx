import Link from "next/link";
import type { ReactNode } from "react";
import { ConfidenceBadge, ProgressBar } from "@/components/ui/progress";
import { OBJECTIVE_STATE_LABEL, plural } from "@/lib/format";
import type { ObjectiveListItem } from "@/lib/objectives/list";

/**
 * One objective in a list: title, owner and what kind it is, its progress and its most worrying confidence, and
 * optionally controls (such as reordering) in a last column. An abandoned objective is struck through and has no
 * confidence: nobody is working towards it any more.
 */
export function ObjectiveRow({
  objective: o,
  testId = "objective-row",
  showAlignment = true,
  controls,
}: {
  objective: ObjectiveListItem;
  testId?: string;
  showAlignment?: boolean;
  controls?: ReactNode;
}) {
  const isAbandoned = o.state === "abandoned";
  return (
    <li data-testid={testId} className={`grid gap-2 px-4 py-3 sm:items-center ${controls ? "sm:grid-cols-[1fr_12rem_8rem_11rem]" : "sm:grid-cols-[1fr_12rem_8rem]"}`}>
      <div className="min-w-0">
        <Link href={`/objectives/${o.id}`} className={`font-medium hover:text-brand-700 hover:underline ${isAbandoned ? "text-slate-600 line-through" : "text-slate-900"}`}>
          {o.title}
        </Link>
        <p className="text-xs text-slate-600">
          {o.owner.name}
          {o.level === "personal" ? " · personal" : ""} · {plural(o.keyResultCount, "key result")}
          {o.kind === "aspirational" ? " · aspirational" : ""}
          {o.state === "active" ? "" : ` · ${OBJECTIVE_STATE_LABEL[o.state].toLowerCase()}`}
          {showAlignment && o.level !== "company" && !o.isAligned ? <span className="ml-1 rounded bg-amber-50 px-1 text-amber-900">not aligned</span> : null}
        </p>
      </div>
      <ProgressBar value={o.progress} label={`Progress of ${o.title}`} size="sm" />
      <div className="sm:text-right">
        {isAbandoned ? <span className="text-xs text-slate-600">Abandoned</span> : <ConfidenceBadge confidence={o.confidence} />}
      </div>
      {controls ? <div>{controls}</div> : null}
    </li>
  );
}
