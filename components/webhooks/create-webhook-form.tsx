"use client";

import { useActionState } from "react";
import { createWebhookAction } from "@/app/(app)/settings/organization/webhooks/actions";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Field, FormError, TextInput } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

type Created = { id: string; url: string; secret: string; pingStatus: number };

/** `endpointIds`: the endpoints that still exist; a new one's secret disappears once it is deleted. */
export function CreateWebhookForm({ endpointIds }: { endpointIds: readonly string[] }) {
  const [state, action, isPending] = useActionState(createWebhookAction, { status: "idle" } as ActionState<Created>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const eventErrors = errors.events ?? Object.entries(errors).find(([key]) => key.startsWith("events."))?.[1];
  return (
    <CardSection aria-labelledby="new-webhook">
      <h2 id="new-webhook" className="text-base font-semibold">
        New webhook
      </h2>
      <p className="mt-1 text-sm text-slate-700">Keel sends a signed test event first: the address must answer.</p>
      <form action={action} className="mt-3 space-y-4">
        <FormError id="new-webhook-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
        <Field id="webhook-url" label="Address (URL)" errors={errors.url} hint="Where Keel POSTs each event, for example https://example.com/keel-events.">
          <TextInput id="webhook-url" name="url" type="url" inputMode="url" maxLength={2000} defaultValue={values.url} errors={errors.url} hint required />
        </Field>
        <Field id="webhook-description" label="Description (optional)" errors={errors.description}>
          <TextInput id="webhook-description" name="description" maxLength={200} defaultValue={values.description} errors={errors.description} />
        </Field>
        <fieldset aria-describedby={eventErrors?.length ? "webhook-events-error" : undefined}>
          <legend className="block text-sm font-medium text-slate-800">Events to send</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event.type} className="flex items-start gap-2 text-sm text-slate-800">
                <input type="checkbox" name="events[]" value={event.type} defaultChecked className="mt-1" />
                <span>
                  {event.label} <code className="text-xs text-slate-600">{event.type}</code>
                </span>
              </label>
            ))}
          </div>
          {eventErrors?.length ? (
            <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
              {eventErrors[0]}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={isPending}>
          {isPending ? "Testing the address…" : "Add webhook"}
        </Button>
      </form>
      {state.status === "success" && endpointIds.includes(state.data.id) ? (
        <div className="mt-4 rounded-lg bg-brand-50 p-4 ring-1 ring-brand-100" data-testid="new-webhook-secret">
          <CopyField
            id="webhook-secret"
            label={`Signing secret for ${state.data.url}`}
            value={state.data.secret}
            note="Copy it now into the receiver: it will not be shown again. The receiver checks each delivery's Keel-Signature with it."
          />
        </div>
      ) : null}
    </CardSection>
  );
}
