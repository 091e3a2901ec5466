import Link from "next/link";
import type { ReactNode } from "react";
import { ConfidenceBadge, ProgressBar } from "@/components/ui/progress";
import type { ObjectiveListItem } from "@/lib/objectives/list";

/**
 * One objective in a list: title, owner and what kind it is, its progress and its most worrying confidence, and
 * optionally controls (such as reordering) in a last column.
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
  return (
    <li data-testid={testId} className={`grid gap-2 px-4 py-3 sm:items-center ${controls ? "sm:grid-cols-[1fr_12rem_8rem_11rem]" : "sm:grid-cols-[1fr_12rem_8rem]"}`}>
      <div className="min-w-0">
        <Link href={`/objectives/${o.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {o.title}
        </Link>
        <p className="text-xs text-slate-600">
          {o.owner.name}
          {o.level === "personal" ? " · personal" : ""} · {o.keyResultCount} key result{o.keyResultCount === 1 ? "" : "s"}
          {o.kind === "aspirational" ? " · aspirational" : ""}
          {o.state === "active" ? "" : ` · ${o.state}`}
          {showAlignment && o.level !== "company" && !o.isAligned ? <span className="ml-1 rounded bg-amber-50 px-1 text-amber-900">not aligned</span> : null}
        </p>
      </div>
      <ProgressBar value={o.progress} label={`Progress of ${o.title}`} size="sm" />
      <div className="sm:text-right">
        <ConfidenceBadge confidence={o.confidence} />
      </div>
      {controls ? <div>{controls}</div> : null}
    </li>
  );
}
