import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate } from "@/lib/format";
import { cardClass } from "@/components/ui/card";

/** The top of a cycle's own pages (closing, summary): back to the cycles, the dates, the title, then the page's content. */
export function CycleHeader({ cycle, title, children }: { cycle: { startDate: Date; endDate: Date; closedAt?: Date | null }; title: string; children?: ReactNode }) {
  return (
    <header className={`p-5 ${cardClass}`}>
      <p className="text-sm text-slate-700">
        <Link href="/cycles" className="hover:underline">
          Cycles
        </Link>{" "}
        · {formatDate(cycle.startDate)} – {formatDate(cycle.endDate)}
        {cycle.closedAt ? ` · closed ${formatDate(cycle.closedAt)}` : ""}
      </p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">{title}</h1>
      {children}
    </header>
  );
}
