"use client";

import { useActionState, useState } from "react";
import { createDataSourceAction } from "@/app/(app)/settings/organization/data-sources/actions";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { Field, FormError, TextArea, TextInput } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { DATA_SOURCE_KIND_LABEL, DATA_SOURCE_KINDS } from "@/lib/data-sources/schemas";

/** A source's name and kind, then where it is: an address and headers, or a connection string. */
export function CreateDataSourceForm() {
  const [state, action, isPending] = useActionState(createDataSourceAction, { status: "idle" } as ActionState<{ id: string; kind: "http_json" | "prometheus" | "postgres"; name: string; url: string | null }>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const [kind, setKind] = useState<(typeof DATA_SOURCE_KINDS)[number]>((values.kind as (typeof DATA_SOURCE_KINDS)[number]) ?? "http_json");
  return (
    <CardSection aria-labelledby="new-source">
      <h2 id="new-source" className="text-base font-semibold">
        New data source
      </h2>
      <form action={action} className="mt-3 space-y-4">
        <FormError id="new-source-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="source-name" label="Name" errors={errors.name} hint="Shown as the author of its check-ins, e.g. “Warehouse DB”.">
            <TextInput id="source-name" name="name" maxLength={80} defaultValue={values.name} errors={errors.name} hint required />
          </Field>
          <Field id="source-kind" label="Kind" errors={errors.kind}>
            <Select id="source-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} errors={errors.kind}>
              {DATA_SOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {DATA_SOURCE_KIND_LABEL[k]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {kind === "postgres" ? (
          <Field id="source-connection" label="Connection string" errors={errors.connectionString} hint="postgresql://user:password@host:5432/db of a read-only role. Queries run in a read-only transaction with a 10 s limit.">
            <TextInput id="source-connection" name="connectionString" autoComplete="off" errors={errors.connectionString} hint required />
          </Field>
        ) : (
          <>
            <Field
              id="source-url"
              label="Address (URL)"
              errors={errors.url}
              hint={kind === "prometheus" ? "The Prometheus server, e.g. http://prometheus:9090; Keel asks its /api/v1/query." : "The API's base address; each key result adds its own path."}
            >
              <TextInput id="source-url" name="url" type="url" defaultValue={values.url} errors={errors.url} hint required />
            </Field>
            <Field id="source-headers" label="Headers (optional)" errors={errors.headers} hint="One “Name: value” per line, e.g. Authorization: Bearer …. Stored encrypted, never shown again.">
              <TextArea id="source-headers" name="headers" rows={2} errors={errors.headers} autoComplete="off" />
            </Field>
          </>
        )}
        <Button type="submit" disabled={isPending}>
          {isPending ? "Adding…" : "Add data source"}
        </Button>
      </form>
    </CardSection>
  );
}
