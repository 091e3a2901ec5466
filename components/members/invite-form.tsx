"use client";

import { useActionState, useSyncExternalStore } from "react";
import { createInvitationAction } from "@/app/(app)/members/actions";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Field, FormError, Select, TextInput } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { ROLE_LABEL, type RoleName } from "@/lib/members/schemas";
import { CardSection } from "@/components/ui/card";

const subscribeToNothing = () => () => undefined;

type Created = { id: string; path: string; role: RoleName; email: string | null; expiresAt: string };

export function InviteForm({ roles }: { roles: RoleName[] }) {
  const [state, action, isPending] = useActionState(createInvitationAction, { status: "idle" } as ActionState<Created>);
  useActionToast(state);
  // The link is absolute for pasting into chat or mail; only the browser knows the address people reach Keel at.
  const origin = useSyncExternalStore(subscribeToNothing, () => window.location.origin, () => "");
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <CardSection aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="text-base font-semibold">
        Invite people
      </h2>
      <p className="mt-1 text-sm text-slate-700">Create a link to send to someone. It works once and expires after 7 days.</p>
      <form action={action} className="mt-3 grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start">
        <div className="sm:col-span-3">
          <FormError id="invite-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
        </div>
        <Field id="invite-role" label="Role" errors={errors.role}>
          <Select id="invite-role" name="role" defaultValue={values.role ?? "member"} errors={errors.role}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="invite-email" label="Email (optional)" errors={errors.email} hint="When given, only this address can accept.">
          <TextInput id="invite-email" name="email" type="email" autoComplete="off" defaultValue={values.email} errors={errors.email} hint />
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Creating link…" : "Create invitation link"}
          </Button>
        </div>
      </form>
      {state.status === "success" ? (
        <div className="mt-4 rounded-lg bg-brand-50 p-4 ring-1 ring-brand-100" data-testid="new-invitation">
          <CopyField
            id="invite-link"
            label={`Invitation link (${ROLE_LABEL[state.data.role].toLowerCase()}${state.data.email ? `, for ${state.data.email}` : ""})`}
            value={`${origin}${state.data.path}`}
            note="Copy it now: for safety it is not stored, so it cannot be shown again."
          />
        </div>
      ) : null}
    </CardSection>
  );
}
