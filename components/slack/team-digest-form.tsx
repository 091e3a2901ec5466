"use client";

import { useActionState } from "react";
import { setTeamDigestChannelAction } from "@/app/(app)/settings/organization/slack/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextInput } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";

/** Which Slack channel gets a team's weekly digest (Tuesday, with the leads' digest mail). */
export function TeamDigestForm({ teams }: { teams: { id: string; name: string }[] }) {
  const [state, action, isPending] = useActionState(setTeamDigestChannelAction, { status: "idle" } as ActionState<{ name: string; channelId: string | null }>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-3 flex flex-wrap items-start gap-3">
      <FormError id="digest-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
      <div className="min-w-52">
        <Field id="digest-team" label="Team" errors={errors.teamId}>
          <Select id="digest-team" name="teamId" errors={errors.teamId}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="min-w-52 flex-1">
        <Field id="digest-channel" label="Slack channel id" errors={errors.channelId} hint="Like C0123ABCDEF; invite the Keel app to the channel. Leave empty to stop posting.">
          <TextInput id="digest-channel" name="channelId" maxLength={40} errors={errors.channelId} hint />
        </Field>
      </div>
      <div className="pt-6">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
