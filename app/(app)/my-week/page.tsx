import type { Metadata } from "next";
import Link from "next/link";
import { MyWeekForm } from "@/components/checkins/my-week-form";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { getMyWeek } from "@/lib/checkins/queries";
import { formatWeek } from "@/lib/format";

export const metadata: Metadata = { title: "My week" };

export default async function MyWeekPage() {
  const actor = await requirePageActor();
  const myWeek = await getMyWeek(actor);
  const cycleNames = myWeek.activeCycles.map((c) => c.name).join(" and ");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="my-week-heading" className="text-xl font-semibold">
          My week
        </h1>
        <p className="text-sm text-slate-700">
          Week of {formatWeek(myWeek.week)} in {myWeek.timeZone}
          {cycleNames ? ` · ${cycleNames}` : ""} ·{" "}
          <Link href="/settings/profile" className="font-medium text-brand-700 underline">
            Reminders and time zone
          </Link>
        </p>
      </div>
      {!myWeek.activeCycles.length ? (
        <EmptyState title="No active cycle">Check-ins start when a cycle is active. An admin can activate one on the Cycles page.</EmptyState>
      ) : !myWeek.objectives.length ? (
        <EmptyState title="Nothing to check in this week">You own no key results in {cycleNames}. Key results you own will appear here every week.</EmptyState>
      ) : (
        <MyWeekForm objectives={myWeek.objectives} week={myWeek.week} />
      )}
    </div>
  );
}
