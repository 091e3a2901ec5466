"use client";

import { startTransition, useActionState, useState } from "react";
import { setFeedAction, testFeedAction } from "@/app/(app)/key-results/[id]/feed/actions";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { Field, FormError, TextArea, TextInput } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { FEED_SCHEDULE_LABEL, FEED_SCHEDULES } from "@/lib/data-sources/schemas";
import type { Extracted } from "@/lib/data-sources/extract";

type Kind = "http_json" | "prometheus" | "postgres";
type Schedule = (typeof FEED_SCHEDULES)[number];

const EXPRESSION = {
  http_json: { label: "Path (optional)", hint: "Added to the source's address, e.g. stats/orders?period=day." },
  prometheus: { label: "PromQL query", hint: "An instant query giving one series or a scalar, e.g. sum(rate(orders_total[1d]))." },
  postgres: { label: "SQL query", hint: "One SELECT returning one row with one number; it runs read-only." },
} as const;

/** What to read and how often; "Test" shows the number that would be recorded, without recording it. */
export function FeedForm({
  keyResultId,
  sources,
  current,
}: {
  keyResultId: string;
  sources: { id: string; name: string; kind: Kind }[];
  current: { dataSourceId: string; expression: string; pointer: string; schedule: Schedule } | null;
}) {
  const [saveState, save, isSaving] = useActionState(setFeedAction, { status: "idle" } as ActionState<{ id: string; schedule: Schedule; keyResultTitle: string; sourceName: string }>);
  const [testState, test, isTesting] = useActionState(testFeedAction, { status: "idle" } as ActionState<Extracted>);
  useActionToast(saveState);
  const [sourceId, setSourceId] = useState(current?.dataSourceId ?? sources[0]!.id);
  const [schedule, setSchedule] = useState<Schedule>(current?.schedule ?? "daily");
  const [expression, setExpression] = useState(current?.expression ?? "");
  const [pointer, setPointer] = useState(current?.pointer ?? "");
  const kind = sources.find((s) => s.id === sourceId)?.kind ?? "http_json";
  const last = testState.status === "error" && (saveState.status !== "error" || testState.at > saveState.at) ? testState : saveState;
  const errors = last.status === "error" ? last.fieldErrors : {};
  return (
    <CardSection aria-labelledby="feed-form">
      <h2 id="feed-form" className="text-base font-semibold">
        {current ? "Change what is read" : "What to read"}
      </h2>
      <form
        className="mt-3 space-y-4"
        onSubmit={(event) => {
          // Dispatched by hand rather than as the form's action, which would reset the fields after every "Test".
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const isTest = (event.nativeEvent as SubmitEvent).submitter?.dataset.intent === "test";
          startTransition(() => (isTest ? test(data) : save(data)));
        }}
      >
        <input type="hidden" name="keyResultId" value={keyResultId} />
        <FormError id="feed-error" message={last.status === "error" && !Object.keys(errors).length ? last.message : null} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="feed-source" label="Data source" errors={errors.dataSourceId}>
            <Select id="feed-source" name="dataSourceId" value={sourceId} onChange={(e) => setSourceId(e.target.value)} errors={errors.dataSourceId}>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="feed-schedule" label="How often" errors={errors.schedule}>
            <Select id="feed-schedule" name="schedule" value={schedule} onChange={(e) => setSchedule(e.target.value as Schedule)} errors={errors.schedule}>
              {FEED_SCHEDULES.map((s) => (
                <option key={s} value={s}>
                  {FEED_SCHEDULE_LABEL[s]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field id="feed-expression" label={EXPRESSION[kind].label} errors={errors.expression} hint={EXPRESSION[kind].hint}>
          {kind === "http_json" ? (
            <TextInput id="feed-expression" name="expression" value={expression} onChange={(e) => setExpression(e.target.value)} errors={errors.expression} hint />
          ) : (
            <TextArea id="feed-expression" name="expression" rows={3} value={expression} onChange={(e) => setExpression(e.target.value)} errors={errors.expression} className="font-mono" />
          )}
        </Field>
        {kind === "http_json" ? (
          <Field id="feed-pointer" label="JSON pointer to the number" errors={errors.pointer} hint="Where the number is in the answer, e.g. /data/total or /items/0/count.">
            <TextInput id="feed-pointer" name="pointer" value={pointer} onChange={(e) => setPointer(e.target.value)} errors={errors.pointer} hint />
          </Field>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="secondary" data-intent="test" disabled={isTesting}>
            {isTesting ? "Testing…" : "Test"}
          </Button>
          <Button type="submit" disabled={isSaving}>
            {isSaving ? "Saving…" : current ? "Save changes" : "Feed from this source"}
          </Button>
        </div>
        <p role="status" className="text-sm" data-testid="feed-test-result">
          {testState.status === "success"
            ? testState.data.ok
              ? `Would record ${testState.data.value} as this week's value.`
              : `Would record nothing: ${testState.data.error}`
            : ""}
        </p>
      </form>
    </CardSection>
  );
}
