import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CommentForm } from "@/components/objectives/comment-form";
import { NewKeyResultForm, EditKeyResultForm } from "@/components/objectives/key-result-forms";
import { AbandonForm, AlignForm, ObjectiveDetailsForm } from "@/components/objectives/objective-edit-forms";
import { FeedNote } from "@/components/data-sources/feed-note";
import { ActionButton } from "@/components/ui/action-button";
import { buttonClass } from "@/components/ui/button";
import { ConfidenceBadge, ProgressBar } from "@/components/ui/progress";
import { KeyResultTrend } from "@/components/objectives/key-result-trend";
import { Sparkline } from "@/components/charts/sparkline";
import { isoDate, localDate } from "@/lib/dates/week";
import { isFixedScale } from "@/lib/progress";
import { InitiativeList } from "@/components/initiatives/initiatives";
import { KeyResultLinks } from "@/components/dependencies/key-result-links";
import { AddSupportForm } from "@/components/dependencies/dependency-forms";
import { ObjectiveQuality } from "@/components/quality/objective-quality";
import { loadObjectiveCoach } from "@/lib/quality/queries";
import { requirePageActor } from "@/lib/auth/session";
import { ActivityTimeline } from "@/components/objectives/activity-timeline";
import { DIRECTION_LABEL, formatObjectivePlace, formatRelative, formatValue, OBJECTIVE_KIND_LABEL, OBJECTIVE_LEVEL_LABEL, OBJECTIVE_STATE_LABEL, plural } from "@/lib/format";
import { mergeTimeline } from "@/lib/history/timeline";
import { loadOr404 } from "@/lib/http/page";
import { IdParamsSchema } from "@/lib/http/schemas";
import { getObjectivePage, listTeamOptions } from "@/lib/objectives/queries";
import { can } from "@/lib/permissions";
import { deleteCommentAction, moveKeyResultAction, removeSupportAction } from "../actions";
import { cardClass, CardSection } from "@/components/ui/card";

export const metadata: Metadata = { title: "Objective" };

export default async function ObjectivePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const parsed = IdParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const [{ objective, chain, aligned, subtreeCount, comments, history, checkIns, checkInHistory, progressHistory, feeds, initiatives, links }, coach] = await Promise.all([
    loadOr404(() => getObjectivePage(actor.orgId, parsed.data.id)),
    loadOr404(() => loadObjectiveCoach(actor.orgId, parsed.data.id)),
  ]);
  const cycleStart = isoDate(objective.cycle.startDate);
  const cycleEnd = isoDate(objective.cycle.endDate);
  const today = isoDate(localDate(new Date(), actor.timeZone));

  const isAbandoned = objective.state === "abandoned";
  const isOpen = objective.cycle.state !== "closed" && !isAbandoned;
  const isCycleActive = objective.cycle.state === "active";
  const resource = { ownerIds: [objective.ownerId], teamId: objective.teamId };
  const canEdit = isOpen && can(actor, "objective.update", resource);
  const canAddKeyResult = isOpen && can(actor, "keyresult.create", resource);
  const canComment = objective.cycle.state !== "closed" && can(actor, "comment.create");
  const teams = canEdit ? await listTeamOptions(actor.orgId) : [];
  const top = [...chain].reverse();
  const parentOption = chain[0]
    ? { value: chain[0].viaKeyResult ? `key_result:${chain[0].viaKeyResult.id}` : `objective:${chain[0].id}`, label: chain[0].viaKeyResult ? `↳ ${chain[0].viaKeyResult.title}` : chain[0].title }
    : null;
  const keyResultById = new Map(objective.keyResults.map((kr) => [kr.id, kr]));
  const timeline = mergeTimeline({
    changes: history,
    comments: comments.map((c) => ({ id: c.id, at: c.createdAt, authorId: c.author.id, authorName: c.author.name, body: c.body })),
    checkIns: checkIns.flatMap((c) => {
      const kr = keyResultById.get(c.keyResultId);
      if (!kr) return [];
      const via = !c.via ? null : c.via.kind === "slack" ? "Slack" : c.via.kind === "organization" ? "an organisation API token" : `API token “${c.via.name}”`;
      return [{ id: c.id, at: c.updatedAt, authorName: c.author.name, keyResultTitle: kr.title, value: formatValue(c.value, kr.type === "initiatives" ? { type: kr.type, unit: kr.unit } : kr), confidence: c.confidence, note: c.note, isEdited: c.version > 1, via }];
    }),
  });
  const canDeleteComment = (authorId: string) => objective.cycle.state !== "closed" && can(actor, "comment.delete", { ownerIds: [authorId], teamId: null });
  const editable = {
    id: objective.id,
    version: objective.version,
    title: objective.title,
    whyItMatters: objective.whyItMatters,
    kind: objective.kind,
    state: objective.state,
    level: objective.level,
    teamId: objective.teamId,
    owner: objective.owner,
    cycleId: objective.cycleId,
  };

  return (
    <article className="space-y-6" aria-labelledby="objective-title">
      <header className={`p-5 ${cardClass}`}>
        <p className="text-sm text-slate-700">
          <Link className="hover:underline" href={`/?cycle=${objective.cycle.id}`}>
            {objective.cycle.name}
          </Link>{" "}
          · {OBJECTIVE_LEVEL_LABEL[objective.level]} objective
          {objective.team ? (
            <>
              {" "}
              ·{" "}
              <Link className="hover:underline" href={`/teams/${objective.team.id}?cycle=${objective.cycle.id}`}>
                {objective.team.name}
              </Link>
            </>
          ) : null}
        </p>
        <h1 id="objective-title" className={`mt-1 text-2xl font-semibold ${isAbandoned ? "text-slate-600 line-through" : "text-slate-900"}`}>
          {objective.title}
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          Owner <strong className="font-medium text-slate-900">{objective.owner.name}</strong> · {OBJECTIVE_KIND_LABEL[objective.kind]} ·{" "}
          <span data-testid="objective-state">{OBJECTIVE_STATE_LABEL[objective.state]}</span>
          {objective.cycle.state === "closed" ? " · cycle closed, read-only" : ""}
        </p>
        {objective.state === "abandoned" && objective.abandonReason ? (
          <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">Abandoned: {objective.abandonReason}</p>
        ) : null}
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <div className="w-full max-w-md">
            <ProgressBar value={Number(objective.progress)} label={`Progress of ${objective.title}`} />
          </div>
          {progressHistory.length > 1 ? <Sparkline points={progressHistory} label={`Progress of ${objective.title}, week by week`} /> : null}
        </div>
        <ObjectiveQuality objective={objective} coach={coach} />
        <section aria-labelledby="why-heading" className="mt-4">
          <h2 id="why-heading" className="text-sm font-semibold text-slate-800">
            Why it matters
          </h2>
          <p className="mt-1 whitespace-pre-line text-slate-800">{objective.whyItMatters || <span className="text-slate-600">Not written yet.</span>}</p>
        </section>
      </header>

      <CardSection aria-labelledby="chain-heading">
        <h2 id="chain-heading" className="text-base font-semibold">
          Why chain
        </h2>
        {top.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            {objective.level === "company" ? "A company objective: the top of its chain." : "Not aligned to anything yet. Align it to show what it serves."}
          </p>
        ) : (
          <ol className="mt-3 space-y-2" data-testid="why-chain">
            {top.map((step) => (
              <li key={step.id} className="text-sm">
                <Link href={`/objectives/${step.id}`} className="font-medium text-slate-900 hover:underline">
                  {step.title}
                </Link>
                <span className="ml-2 text-xs text-slate-600">
                  {formatObjectivePlace({ level: step.level, team: step.teamName ? { name: step.teamName } : null })} · {step.ownerName} · {Math.round(step.progress)}%
                </span>
                {step.viaKeyResult ? <p className="ml-4 text-xs text-slate-700">↳ through the key result “{step.viaKeyResult.title}”</p> : null}
              </li>
            ))}
            <li className="text-sm font-semibold text-brand-800">↳ {objective.title}</li>
          </ol>
        )}
      </CardSection>

      <CardSection aria-labelledby="kr-heading">
        <h2 id="kr-heading" className="text-base font-semibold">
          Key results
        </h2>
        {objective.keyResults.length === 0 ? <p className="mt-2 text-sm text-slate-700">No key results yet: how will you know the objective is achieved?</p> : null}
        <ul className="mt-3 divide-y divide-slate-100">
          {objective.keyResults.map((kr, index) => {
            const canEditKr = isOpen && can(actor, "keyresult.update", { ownerIds: [kr.ownerId, objective.ownerId], teamId: objective.teamId });
            return (
              <li key={kr.id} data-testid="key-result" className="py-3">
                <div className="grid gap-2 sm:grid-cols-[1fr_12rem_7rem] sm:items-center">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{kr.title}</p>
                    <p className="text-xs text-slate-700">
                      {kr.owner.name} · now <span data-testid="kr-current">{formatValue(kr.currentValue, kr)}</span>
                      {kr.type === "initiatives" ? null : (
                        <>
                          {" "}
                          · {isFixedScale(kr.type) ? "target " : `${DIRECTION_LABEL[kr.direction]?.toLowerCase()} `}
                          <span data-testid="kr-target">{formatValue(kr.targetValue, kr)}</span>
                          {isFixedScale(kr.type) ? "" : ` from ${formatValue(kr.startValue, kr)}`}
                        </>
                      )}{" "}
                      · weight {kr.weight.toString()}
                      {kr.lastCheckInAt ? ` · checked in ${formatRelative(kr.lastCheckInAt)}` : " · no check-in yet"}
                    </p>
                    {kr.type === "milestone" && kr.milestones.length ? (
                      <ol className="mt-1 flex flex-wrap gap-1 text-xs">
                        {kr.milestones.map((m, i) => (
                          <li key={m} className={`rounded px-1.5 py-0.5 ${i < Number(kr.currentValue) ? "bg-emerald-50 text-emerald-900" : "bg-slate-100 text-slate-700"}`}>
                            {i < Number(kr.currentValue) ? "✓ " : ""}
                            {m}
                          </li>
                        ))}
                      </ol>
                    ) : null}
                    <FeedNote feed={feeds.get(kr.id)} />
                  </div>
                  <ProgressBar value={Number(kr.progress)} label={`Progress of ${kr.title}`} size="sm" />
                  <div className="sm:text-right">{isAbandoned ? <span className="text-xs text-slate-600">Abandoned</span> : <ConfidenceBadge confidence={kr.confidence} />}</div>
                </div>
                <InitiativeList
                  keyResult={{ id: kr.id, title: kr.title, owner: kr.owner }}
                  today={today}
                  countsTowardProgress={kr.type === "initiatives"}
                  canAdd={isOpen && can(actor, "initiative.manage", { ownerIds: [kr.ownerId, objective.ownerId], teamId: objective.teamId })}
                  initiatives={(initiatives.get(kr.id) ?? []).map((i) => ({
                    ...i,
                    canManage: isOpen && can(actor, "initiative.manage", { ownerIds: [kr.ownerId, objective.ownerId, i.owner.id], teamId: objective.teamId }),
                  }))}
                />
                <KeyResultLinks
                  keyResult={{ id: kr.id, title: kr.title, confidence: kr.confidence }}
                  dependsOn={(links.dependsOn.get(kr.id) ?? []).map((d) => d.other)}
                  dependents={(links.dependents.get(kr.id) ?? []).map((d) => d.other)}
                  blast={links.blast.get(kr.id)}
                  canEdit={canEditKr}
                  cycleId={objective.cycleId}
                  objectiveId={objective.id}
                />
                <KeyResultTrend
                  keyResult={kr}
                  points={checkInHistory.get(kr.id) ?? []}
                  cycleStart={cycleStart}
                  cycleEnd={cycleEnd}
                  showForecast={objective.cycle.state === "active" && !isAbandoned}
                />
                {canEditKr ? (
                  <div className="mt-2 flex flex-wrap items-start gap-2">
                    <details className="w-full rounded-md ring-1 ring-slate-200 open:p-3 sm:w-auto sm:flex-1">
                      <summary className="cursor-pointer px-2 py-1 text-sm font-medium text-brand-700">Edit key result</summary>
                      <div className="mt-2">
                        <EditKeyResultForm
                          coach={coach}
                          isCycleActive={isCycleActive}
                          keyResult={{
                            id: kr.id,
                            version: kr.version,
                            title: kr.title,
                            type: kr.type,
                            direction: kr.direction,
                            startValue: kr.startValue.toString(),
                            targetValue: kr.targetValue.toString(),
                            unit: kr.unit,
                            weight: kr.weight.toString(),
                            milestones: kr.milestones,
                            owner: kr.owner,
                          }}
                        />
                      </div>
                    </details>
                    <Link href={`/key-results/${kr.id}/feed`} className={buttonClass("ghost", "sm")} aria-label={`Feed from data: ${kr.title}`}>
                      Feed from data
                    </Link>
                    {index > 0 ? <ActionButton action={moveKeyResultAction} fields={{ keyResultId: kr.id, direction: "up" }} label="Move up" variant="ghost" /> : null}
                    {index < objective.keyResults.length - 1 ? <ActionButton action={moveKeyResultAction} fields={{ keyResultId: kr.id, direction: "down" }} label="Move down" variant="ghost" /> : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        {canAddKeyResult ? (
          <details className="mt-3 rounded-md ring-1 ring-slate-200 open:p-3">
            <summary className="cursor-pointer px-2 py-1 text-sm font-medium text-brand-700">Add a key result</summary>
            <div className="mt-2">
              <NewKeyResultForm objectiveId={objective.id} owner={objective.owner} coach={coach} />
            </div>
          </details>
        ) : null}
      </CardSection>

      <CardSection aria-labelledby="aligned-heading">
        <h2 id="aligned-heading" className="text-base font-semibold">
          Aligned beneath
        </h2>
        {aligned.length ? (
          <p className="mt-1 text-sm text-slate-700" data-testid="aligned-count">
            {aligned.length} aligned directly · {plural(subtreeCount, "objective")} in the whole subtree
          </p>
        ) : null}
        {aligned.length === 0 ? <p className="mt-2 text-sm text-slate-700">Nothing is aligned to this objective or its key results yet.</p> : null}
        <ul className="mt-2 space-y-2">
          {aligned.map((child) => {
            const via = child.parentKeyResultId ? objective.keyResults.find((kr) => kr.id === child.parentKeyResultId) : null;
            return (
              <li key={child.id} className="grid gap-1 sm:grid-cols-[1fr_12rem] sm:items-center">
                <div className="text-sm">
                  <Link href={`/objectives/${child.id}`} className={`font-medium hover:underline ${child.state === "abandoned" ? "text-slate-600 line-through" : "text-slate-900"}`}>
                    {child.title}
                  </Link>
                  <span className="ml-2 text-xs text-slate-600">
                    {formatObjectivePlace(child)}
                    {child.team && objective.team && child.team.id !== objective.team.id ? " (another team)" : ""} · {child.owner.name}
                    {via ? ` · through “${via.title}”` : ""}
                    {child.state === "abandoned" ? " · abandoned" : ""}
                  </span>
                </div>
                <ProgressBar value={Number(child.progress)} label={`Progress of ${child.title}`} size="sm" />
              </li>
            );
          })}
        </ul>
      </CardSection>

      {links.supports.length || links.supportedBy.length || canEdit ? (
        <CardSection aria-labelledby="supports-heading">
          <h2 id="supports-heading" className="text-base font-semibold">
            Also supports
          </h2>
          <p className="mt-1 text-sm text-slate-700">Besides where it is aligned: shown dashed in the alignment graph, never counted in progress.</p>
          {links.supports.length ? (
            <ul className="mt-2 space-y-1" data-testid="supports">
              {links.supports.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-x-2 rounded-md border border-dashed border-slate-400 px-2 py-1 text-sm">
                  <Link href={`/objectives/${s.objectiveId}`} className="font-medium text-slate-900 hover:underline">
                    {s.kind === "key_result" ? `↳ ${s.title}` : s.title}
                  </Link>
                  <span className="text-xs text-slate-700">
                    {s.kind === "key_result" ? `key result of “${s.objectiveTitle}” · ` : ""}
                    {s.teamName ?? "Company"}
                  </span>
                  {canEdit ? (
                    <ActionButton action={removeSupportAction} fields={{ objectiveId: objective.id, supportId: s.id }} label="Remove" variant="ghost" accessibleLabel={`Stop listing ${s.title} as supported`} />
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {links.supportedBy.length ? (
            <div className="mt-3">
              <h3 className="text-sm font-semibold text-slate-800">Supported by</h3>
              <ul className="mt-1 space-y-1" data-testid="supported-by">
                {links.supportedBy.map((s) => (
                  <li key={`${s.id}-${s.keyResultId ?? ""}`} className="rounded-md border border-dashed border-slate-400 px-2 py-1 text-sm">
                    <Link href={`/objectives/${s.id}`} className="font-medium text-slate-900 hover:underline">
                      {s.title}
                    </Link>
                    <span className="text-xs text-slate-700">
                      {" "}
                      · {s.teamName ?? "Company"} · {Math.round(Number(s.progress))}%
                      {s.keyResultId ? ` · through “${keyResultById.get(s.keyResultId)?.title ?? ""}”` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {canEdit ? (
            <details className="mt-3 rounded-md ring-1 ring-slate-200 open:p-3">
              <summary className="cursor-pointer px-2 py-1 text-sm font-medium text-brand-700">Add something it supports</summary>
              <AddSupportForm objective={{ id: objective.id, title: objective.title, cycleId: objective.cycleId }} />
            </details>
          ) : null}
        </CardSection>
      ) : null}

      {canEdit ? (
        <CardSection aria-labelledby="change-heading">
          <h2 id="change-heading" className="text-base font-semibold">
            Change this objective
          </h2>
          <details className="mt-3 rounded-md ring-1 ring-slate-200 open:p-3">
            <summary className="cursor-pointer px-2 py-1 text-sm font-medium text-brand-700">Edit details</summary>
            <div className="mt-2">
              <ObjectiveDetailsForm objective={editable} teams={teams} isCycleActive={isCycleActive} coach={coach} />
            </div>
          </details>
          <details className="mt-3 rounded-md ring-1 ring-slate-200 open:p-3">
            <summary className="cursor-pointer px-2 py-1 text-sm font-medium text-brand-700">Change alignment</summary>
            <div className="mt-2">
              <AlignForm objective={editable} current={parentOption} coach={coach} />
            </div>
          </details>
          <details className="mt-3 rounded-md ring-1 ring-slate-200 open:p-3">
            <summary className="cursor-pointer px-2 py-1 text-sm font-medium text-red-800">Abandon</summary>
            <div className="mt-2">
              <AbandonForm objective={editable} />
            </div>
          </details>
        </CardSection>
      ) : null}

      <ActivityTimeline entries={timeline} canDeleteComment={canDeleteComment} deleteCommentAction={deleteCommentAction}>
        {canComment ? <CommentForm objectiveId={objective.id} /> : null}
      </ActivityTimeline>
    </article>
  );
}
