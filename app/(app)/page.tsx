import type { Metadata } from "next";
import Link from "next/link";
import { ObjectiveRow } from "@/components/objectives/objective-row";
import { ProgressBar } from "@/components/ui/progress";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { pageCycle, type SearchParams } from "@/lib/http/page";
import { formatDate } from "@/lib/format";
import { cycleProgress, listHomeObjectives, type ObjectiveListItem } from "@/lib/objectives/list";
import { cardClass, CardSection } from "@/components/ui/card";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const cycle = await pageCycle(actor, searchParams);
  if (!cycle) {
    return (
      <EmptyState title={`Welcome to ${actor.orgName}`}>
        There is no cycle yet. <Link className="font-medium text-brand-700 underline" href="/cycles">Create the first cycle</Link> to start planning objectives.
      </EmptyState>
    );
  }
  const [{ total, items: objectives, isPartial }, overall] = await Promise.all([
    listHomeObjectives(actor.orgId, cycle.id, actor.userId),
    cycleProgress(actor.orgId, cycle.id),
  ]);
  const company = objectives.filter((o) => o.level === "company");
  const byTeam = new Map<string, { name: string; items: ObjectiveListItem[] }>();
  for (const o of objectives.filter((o) => o.level !== "company")) {
    const key = o.team?.id ?? "personal";
    const group = byTeam.get(key) ?? { name: o.team?.name ?? "Personal", items: [] };
    group.items.push(o);
    byTeam.set(key, group);
  }
  const teams = [...byTeam.values()].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="space-y-8">
      <CardSection aria-labelledby="cycle-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 id="cycle-heading" className="text-xl font-semibold">
            {cycle.name}
          </h1>
          <p className="text-sm text-slate-700">
            {formatDate(cycle.startDate)} – {formatDate(cycle.endDate)} · <span className="capitalize">{cycle.state}</span>
          </p>
        </div>
        <div className="mt-4 grid gap-4 sm:grid-cols-3">
          <div>
            <p className="text-sm text-slate-700">Organisation progress</p>
            <ProgressBar value={overall} label="Organisation progress" />
          </div>
          <p className="text-sm text-slate-700">
            <span className="block text-2xl font-semibold text-slate-900">{total}</span> objectives
          </p>
          <p className="text-sm text-slate-700">
            <span className="block text-2xl font-semibold text-slate-900">{objectives.filter((o) => o.confidence === "off_track" || o.confidence === "at_risk").length}</span>{" "}
            shown with a key result at risk or off track
          </p>
        </div>
      </CardSection>

      {isPartial ? (
        <p className="text-sm text-slate-700">
          Showing the company objectives, yours and your teams&apos; ({objectives.length} of {total}).{" "}
          <Link className="font-medium text-brand-700 underline" href={`/tree?cycle=${cycle.id}`}>
            See all of them in the alignment tree
          </Link>
          .
        </p>
      ) : null}
      {objectives.length === 0 ? (
        <EmptyState title="No objectives in this cycle yet">
          <Link className="font-medium text-brand-700 underline" href={`/objectives/new?cycle=${cycle.id}`}>
            Write the first objective
          </Link>
        </EmptyState>
      ) : null}

      {company.length ? <ObjectiveGroup heading="Company objectives" items={company} /> : null}
      {teams.map((t) => (
        <ObjectiveGroup key={t.name} heading={t.name} items={t.items} />
      ))}
    </div>
  );
}

function ObjectiveGroup({ heading, items }: { heading: string; items: ObjectiveListItem[] }) {
  return (
    <section aria-label={heading}>
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-700">{heading}</h2>
      <ul className={`divide-y divide-slate-100 overflow-hidden ${cardClass}`}>
        {items.map((o) => (
          <ObjectiveRow key={o.id} objective={o} />
        ))}
      </ul>
    </section>
  );
}
