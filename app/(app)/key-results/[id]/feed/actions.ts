"use server";

import { removeKeyResultFeed, runKeyResultFeedNow, setKeyResultFeed, testKeyResultFeed } from "@/lib/data-sources/mutations";
import { FEED_SCHEDULE_LABEL, FeedKeyResultSchema, SetFeedSchema, TestFeedSchema } from "@/lib/data-sources/schemas";
import { AppError } from "@/lib/errors";
import { defineAction } from "@/lib/http/action";

export const testFeedAction = defineAction({
  permission: "keyresult.update",
  schema: TestFeedSchema,
  run: async ({ actor, input }) => testKeyResultFeed(actor, input),
});

export const setFeedAction = defineAction({
  permission: "keyresult.update",
  schema: SetFeedSchema,
  run: async ({ actor, input }) => setKeyResultFeed(actor, input),
  message: (f) => `“${f.keyResultTitle}” is now fed from ${f.sourceName}, ${FEED_SCHEDULE_LABEL[f.schedule].toLowerCase()}; the first read is due now`,
});

export const runFeedNowAction = defineAction({
  permission: "keyresult.update",
  schema: FeedKeyResultSchema,
  run: async ({ actor, input }) => {
    const outcome = await runKeyResultFeedNow(actor, input.keyResultId);
    // The failure is kept on the feed either way; the person who asked sees why at once.
    if (!outcome.ok) throw new AppError("validation", `Nothing was recorded: ${outcome.error}`);
    return outcome;
  },
  message: (o) => `Read ${o.value} and recorded it as this week's check-in`,
});

export const removeFeedAction = defineAction({
  permission: "keyresult.update",
  schema: FeedKeyResultSchema,
  run: async ({ actor, input }) => removeKeyResultFeed(actor, input.keyResultId),
  message: (r) => `“${r.keyResultTitle}” is no longer fed from data; its check-ins stay`,
});
