import { FEED_SCHEDULE_LABEL } from "@/lib/data-sources/schemas";

/** On a key result fed from data: where its number comes from, and, when the last read failed, why. */
export function FeedNote({ feed }: { feed?: { sourceName: string; schedule: string; lastError: string | null } }) {
  if (!feed) return null;
  const schedule = FEED_SCHEDULE_LABEL[feed.schedule as keyof typeof FEED_SCHEDULE_LABEL]?.toLowerCase() ?? feed.schedule;
  return (
    <p className="mt-1 text-xs" data-testid="kr-feed">
      <span className="text-slate-700">
        Fed from {feed.sourceName}, {schedule}
      </span>
      {feed.lastError ? <span className="ml-1 font-medium text-red-800">· Last read failed: {feed.lastError}</span> : null}
    </p>
  );
}
