import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FeedForm } from "@/components/data-sources/feed-form";
import { ActionButton } from "@/components/ui/action-button";
import { CardSection } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/session";
import { getKeyResultFeedPage } from "@/lib/data-sources/queries";
import { FEED_SCHEDULE_LABEL } from "@/lib/data-sources/schemas";
import { formatDateTime } from "@/lib/format";
import { IdSchema } from "@/lib/http/schemas";
import { can } from "@/lib/permissions";
import { removeFeedAction, runFeedNowAction } from "./actions";

export const metadata: Metadata = { title: "Feed a key result from data" };

export default async function KeyResultFeedPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = IdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const page = await getKeyResultFeedPage(actor.orgId, id.data).catch(() => null);
  if (!page) notFound();
  const { keyResult, sources } = page;
  if (!can(actor, "keyresult.update", { ownerIds: [keyResult.ownerId, keyResult.objective.ownerId], teamId: keyResult.objective.teamId })) notFound();
  const feed = keyResult.feed;
  return (
    <div className="max-w-3xl space-y-4">
      <div>
        <p className="text-sm">
          <Link href={`/objectives/${keyResult.objective.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            ← {keyResult.objective.title}
          </Link>
        </p>
        <h1 className="mt-1 text-xl font-semibold">Feed “{keyResult.title}” from data</h1>
      </div>
      {feed ? (
        <CardSection aria-labelledby="feed-status">
          <h2 id="feed-status" className="text-base font-semibold">
            Fed from {feed.dataSource.name}, {FEED_SCHEDULE_LABEL[feed.schedule].toLowerCase()}
          </h2>
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]" data-testid="feed-status">
            <dt className="text-slate-700">Last read</dt>
            <dd>{feed.lastRunAt ? `${formatDateTime(feed.lastRunAt)}${feed.lastValue !== null && !feed.lastError ? ` · recorded ${feed.lastValue}` : ""}` : "Not yet"}</dd>
            <dt className="text-slate-700">Next read</dt>
            <dd>{formatDateTime(feed.nextRunAt)}</dd>
            {feed.lastError ? (
              <>
                <dt className="text-red-800">Failing{feed.failingSince ? ` since ${formatDateTime(feed.failingSince)}` : ""}</dt>
                <dd className="text-red-800">{feed.lastError}</dd>
              </>
            ) : null}
          </dl>
          <div className="mt-3 flex flex-wrap gap-2">
            <ActionButton action={runFeedNowAction} fields={{ keyResultId: keyResult.id }} label="Read now" pendingLabel="Reading…" />
            <ActionButton
              action={removeFeedAction}
              fields={{ keyResultId: keyResult.id }}
              label="Stop feeding"
              variant="ghost"
              confirm={{ title: "Stop feeding this key result from data?", description: "Keel stops reading it; the check-ins already recorded stay.", confirmLabel: "Stop feeding" }}
            />
          </div>
        </CardSection>
      ) : null}
      {sources.length === 0 ? (
        <EmptyState title="No data sources yet">
          {can(actor, "datasource.manage") ? (
            <>
              Add one in{" "}
              <Link href="/settings/organization/data-sources" className="font-medium text-brand-700 underline">
                Organisation settings → Data sources
              </Link>
              .
            </>
          ) : (
            "Ask an owner or admin to add the system that holds this number as a data source."
          )}
        </EmptyState>
      ) : (
        <FeedForm
          keyResultId={keyResult.id}
          sources={sources.map((s) => ({ id: s.id, name: s.name, kind: s.kind }))}
          current={feed ? { dataSourceId: feed.dataSourceId, expression: feed.expression, pointer: feed.pointer, schedule: feed.schedule } : null}
        />
      )}
    </div>
  );
}
