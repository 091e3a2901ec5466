"use client";

import { useActionState } from "react";
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

type Created = { id: string; name: string; prefix: string; secret: string };

/**
 * A token's name, expiry and access, then its secret once. `activeTokenIds`: the tokens still in use; a new token's
 * secret disappears once that token is revoked. The first scope is the default, the cautious one.
 */
export function CreateTokenForm({
  action: createAction,
  scopes,
  heading = "New token",
  defaultExpiry = "90",
  activeTokenIds,
}: {
  action: (state: ActionState<Created>, form: FormData) => Promise<ActionState<Created>>;
  scopes: readonly { value: string; label: string }[];
  heading?: string;
  defaultExpiry?: (typeof EXPIRY_OPTIONS)[number][0];
  activeTokenIds: readonly string[];
}) {
  const [state, action, isPending] = useActionState(createAction, { status: "idle" } as ActionState<Created>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <CardSection aria-labelledby="new-token">
      <h2 id="new-token" className="text-base font-semibold">
        {heading}
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
            <Select id="token-expires-in" name="expiresIn" defaultValue={values.expiresIn ?? defaultExpiry} errors={errors.expiresIn}>
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
            {scopes.map((scope, i) => (
              <label key={scope.value} className="flex items-center gap-2">
                <input type="radio" name="scope" value={scope.value} defaultChecked={values.scope ? values.scope === scope.value : i === 0} />
                {scope.label}
              </label>
            ))}
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
