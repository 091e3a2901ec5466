import type { Metadata } from "next";
import Link from "next/link";
import { FirstRunGuide } from "@/components/home/first-run-guide";
import { ObjectiveRow } from "@/components/objectives/objective-row";
import { buttonClass } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { pageCycle, type SearchParams } from "@/lib/http/page";
import { formatDate } from "@/lib/format";
import { loadHome, type ObjectiveListItem } from "@/lib/objectives/list";
import { cardClass, CardSection } from "@/components/ui/card";
import { can, hasGrant } from "@/lib/permissions";
import type { Actor } from "@/lib/auth/actor";
import { dismissGuideAction } from "./actions";

export const metadata: Metadata = { title: "Home" };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Groups below the company objectives: one per team for team objectives, one per person for personal objectives
 * (whatever their home team), so a personal objective is never filed under a team.
 */
function groupObjectives(objectives: ObjectiveListItem[]) {
  const groups = new Map<string, { key: string; heading: string; sortKey: string; items: ObjectiveListItem[] }>();
  for (const o of objectives) {
    if (o.level === "company") continue;
    const isTeam = o.level === "team" && o.team;
    const key = isTeam ? `team:${o.team!.id}` : `personal:${o.owner.id}`;
    const heading = isTeam ? o.team!.name : `Personal · ${o.owner.name}`;
    // Teams first, then people, each alphabetically.
    const group = groups.get(key) ?? { key, heading, sortKey: `${isTeam ? 0 : 1}${heading.toLowerCase()}`, items: [] };
    group.items.push(o);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.sortKey.localeCompare(b.sortKey));
}

function guideAllowed(actor: Actor) {
  return { cycle: can(actor, "cycle.manage"), people: can(actor, "member.invite"), teams: can(actor, "team.manage"), objective: hasGrant(actor, "objective.create") };
}

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const cycle = await pageCycle(actor, searchParams);
  const { guide, cycle: shown } = await loadHome(actor.orgId, cycle?.id ?? null, actor.userId);
  const showGuide = !guide.isDismissed && guide.steps.some((s) => !s.isDone);
  const guideSection = showGuide ? <FirstRunGuide steps={guide.steps} allowed={guideAllowed(actor)} dismiss={dismissGuideAction} /> : null;
  if (!cycle || !shown) {
    return (
      <div className="space-y-6">
        {guideSection}
        <EmptyState title={`Welcome to ${actor.orgName}`}>
          There is no cycle yet. <Link className="font-medium text-brand-700 underline" href="/cycles">Create the first cycle</Link> to start planning objectives.
        </EmptyState>
      </div>
    );
  }
  const { total, items: objectives, isPartial, progress: overall } = shown;
  const company = objectives.filter((o) => o.level === "company");
  const groups = groupObjectives(objectives);
  const atRisk = objectives.filter((o) => o.confidence === "off_track" || o.confidence === "at_risk").length;
  const isOpen = cycle.state !== "closed";
  const mayCreate = isOpen && hasGrant(actor, "objective.create");
  const mayCreateCompany = isOpen && can(actor, "objective.create_company");
  const newHref = (level: "company" | "personal") => `/objectives/new?level=${level}&cycle=${cycle.id}`;

  return (
    <div className="space-y-8">
      {guideSection}
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
            <span className="block text-2xl font-semibold text-slate-900">{total}</span> {total === 1 ? "objective" : "objectives"}
          </p>
          <p className="text-sm text-slate-700">
            <span className="block text-2xl font-semibold text-slate-900">{atRisk}</span> shown with a key result at risk or off track
          </p>
        </div>
        {mayCreate ? (
          <div className="mt-4 flex flex-wrap gap-2">
            {mayCreateCompany ? (
              <Link href={newHref("company")} className={buttonClass("primary", "sm")}>
                New company objective
              </Link>
            ) : null}
            <Link href={newHref("personal")} className={buttonClass(mayCreateCompany ? "secondary" : "primary", "sm")}>
              New personal objective
            </Link>
          </div>
        ) : null}
      </CardSection>

      {isPartial ? (
        <p className="text-sm text-slate-700">
          Showing the company objectives, yours and your teams&apos; ({objectives.length} of {plural(total, "objective", "objectives")}).{" "}
          <Link className="font-medium text-brand-700 underline" href={`/tree?cycle=${cycle.id}`}>
            See all of them in the alignment tree
          </Link>
          .
        </p>
      ) : null}
      {objectives.length === 0 ? (
        <EmptyState title="No objectives in this cycle yet">
          {mayCreate ? (
            <Link className="font-medium text-brand-700 underline" href={`/objectives/new?cycle=${cycle.id}`}>
              Write the first objective
            </Link>
          ) : (
            "Objectives written in this cycle will show here."
          )}
        </EmptyState>
      ) : null}

      {company.length ? <ObjectiveGroup heading="Company objectives" items={company} /> : null}
      {groups.map((g) => (
        <ObjectiveGroup key={g.key} heading={g.heading} items={g.items} />
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
