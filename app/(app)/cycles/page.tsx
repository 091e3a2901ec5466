import type { Metadata } from "next";
import Link from "next/link";
import { CreateCycleForm } from "@/components/cycles/create-cycle-form";
import { EditCycleForm } from "@/components/cycles/edit-cycle-form";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { listCyclesWithCounts } from "@/lib/cycles/queries";
import { isoDate } from "@/lib/dates/week";
import { formatDate } from "@/lib/format";
import { can, hasGrant } from "@/lib/permissions";
import { setDefaultCycleAction } from "./actions";
import { cardClass } from "@/components/ui/card";
import { Badge, CYCLE_STATE_TONE } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Cycles" };

function upcomingQuarters(today: Date, count = 6): string[] {
  const out: string[] = [];
  let year = today.getUTCFullYear();
  let q = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    q += 1;
    if (q > 4) {
      q = 1;
      year += 1;
    }
  }
  return out;
}

export default async function CyclesPage() {
  const actor = await requirePageActor();
  const { cycles, defaultCycleId } = await listCyclesWithCounts(actor);
  const canManage = can(actor, "cycle.manage");
  const canScore = hasGrant(actor, "score.update");
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Cycles</h1>
      {cycles.length === 0 ? <EmptyState title="No cycles yet">Create a cycle (a quarter, or a custom period) to start planning.</EmptyState> : null}
      <ul className={`divide-y divide-slate-100 ${cardClass}`}>
        {cycles.map((c) => (
          <li key={c.id} data-testid="cycle-row" className="flex flex-wrap items-center gap-3 px-4 py-3">
            <div className="min-w-48 flex-1">
              <Link href={`/?cycle=${c.id}`} className="font-medium text-slate-900 hover:underline">
                {c.name}
              </Link>
              <p className="text-xs text-slate-600">
                {formatDate(c.startDate)} – {formatDate(c.endDate)} · {c.objectiveCount} objective{c.objectiveCount === 1 ? "" : "s"}
              </p>
            </div>
            <Badge tone={CYCLE_STATE_TONE[c.state]} className="capitalize">
              {c.state}
            </Badge>
            {c.id === defaultCycleId ? <span className="text-xs font-medium text-slate-700">Default view</span> : null}
            {c.state === "closed" ? (
              <Link
                href={`/cycles/${c.id}/summary`}
                aria-label={`Summary of ${c.name}`}
                className={buttonClass("secondary", "sm")}
              >
                Summary
              </Link>
            ) : null}
            {c.state !== "closed" ? (
              <Link href={`/cycles/${c.id}/planning`} aria-label={`Planning check of ${c.name}`} className={buttonClass("secondary", "sm")}>
                Planning check
              </Link>
            ) : null}
            {c.state === "active" && !canManage && canScore ? (
              <Link
                href={`/cycles/${c.id}/close`}
                aria-label={`Score key results of ${c.name}`}
                className={buttonClass("secondary", "sm")}
              >
                Score…
              </Link>
            ) : null}
            {canManage ? (
              <div className="flex gap-2">
                {c.state === "planning" ? (
                  // Activating starts with the planning check, so what is missing is seen before the question is asked.
                  <Link href={`/cycles/${c.id}/planning`} className={buttonClass("secondary", "sm")}>
                    Activate<span className="sr-only"> {c.name}</span>…
                  </Link>
                ) : null}
                {c.state === "active" ? (
                  <Link href={`/cycles/${c.id}/close`} className={buttonClass("secondary", "sm")}>
                    Close…
                  </Link>
                ) : null}
                {c.id !== defaultCycleId ? <ActionButton action={setDefaultCycleAction} fields={{ cycleId: c.id }} label="Make default" variant="ghost" /> : null}
              </div>
            ) : null}
            {canManage && c.state !== "closed" ? <EditCycleForm cycle={{ id: c.id, name: c.name, startDate: isoDate(c.startDate), endDate: isoDate(c.endDate) }} /> : null}
          </li>
        ))}
      </ul>
      {canManage ? <CreateCycleForm quarters={upcomingQuarters(new Date())} /> : null}
    </div>
  );
}
