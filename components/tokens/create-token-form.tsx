"use client";

import { useActionState } from "react";
import { createApiTokenAction } from "@/app/(app)/settings/tokens/actions";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Field, FormError, Select, TextInput } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { CardSection } from "@/components/ui/card";

const EXPIRY_OPTIONS = [
  ["30", "30 days"],
  ["90", "90 days"],
  ["365", "365 days"],
  ["none", "No expiry"],
] as const;

/** `activeTokenIds`: the person's tokens still in use; a new token's secret disappears once that token is revoked. */
export function CreateTokenForm({ canWrite, activeTokenIds }: { canWrite: boolean; activeTokenIds: readonly string[] }) {
  const [state, action, isPending] = useActionState(createApiTokenAction, { status: "idle" } as ActionState<{ id: string; name: string; prefix: string; secret: string }>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <CardSection aria-labelledby="new-token">
      <h2 id="new-token" className="text-base font-semibold">
        New token
      </h2>
      <form action={action} className="mt-3 flex flex-wrap items-start gap-3">
        <FormError id="new-token-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
        <div className="min-w-60 flex-1">
          <Field id="token-name" label="Name" errors={errors.name} hint="What uses it, for example “weekly report script”.">
            <TextInput id="token-name" name="name" maxLength={80} defaultValue={values.name} errors={errors.name} hint />
          </Field>
        </div>
        <div className="w-36">
          <Field id="token-expires-in" label="Expires after" errors={errors.expiresIn}>
            <Select id="token-expires-in" name="expiresIn" defaultValue={values.expiresIn ?? "90"} errors={errors.expiresIn}>
              {EXPIRY_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <fieldset className="min-w-52" aria-describedby={errors.scope?.length ? "token-scope-error" : undefined}>
          <legend className="block text-sm font-medium text-slate-800">Access</legend>
          <div className="mt-2 space-y-1 text-sm text-slate-800">
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" value="read" defaultChecked={(values.scope ?? "read") === "read"} />
              Read only
            </label>
            {canWrite ? (
              <label className="flex items-center gap-2">
                <input type="radio" name="scope" value="write" defaultChecked={values.scope === "write"} />
                Read and write
              </label>
            ) : null}
          </div>
          {errors.scope?.length ? (
            <p id="token-scope-error" className="mt-1 text-sm text-red-700">
              {errors.scope[0]}
            </p>
          ) : null}
        </fieldset>
        <div className="pt-6">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Creating…" : "Create token"}
          </Button>
        </div>
      </form>
      {state.status === "success" && activeTokenIds.includes(state.data.id) ? (
        <div className="mt-4 rounded-lg bg-brand-50 p-4 ring-1 ring-brand-100" data-testid="new-token-secret">
          <CopyField
            id="token-secret"
            label={`Your new token “${state.data.name}”`}
            value={state.data.secret}
            note="Copy it now and keep it somewhere safe: it will not be shown again. Send it as “Authorization: Bearer <token>”."
          />
        </div>
      ) : null}
    </CardSection>
  );
}
