"use client";

import { useActionState } from "react";
import { updateProfileAction } from "@/app/(app)/settings/profile/actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, TextInput } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/http/action";
import { cardClass } from "@/components/ui/card";

interface Profile {
  name: string;
  email: string;
  timeZone: string;
  remindersEnabled: boolean;
}

export function ProfileForm({ profile, timeZones }: { profile: Profile; timeZones: string[] }) {
  const [state, action, isPending] = useActionState(updateProfileAction, { status: "idle" } as ActionState<{ name: string; timeZone: string; remindersEnabled: boolean }>);
  useActionToast(state);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : null;
  const saved = state.status === "success" ? state.data : null;
  const zones = timeZones.includes(profile.timeZone) ? timeZones : [profile.timeZone, ...timeZones];
  return (
    <form action={action} className={`max-w-xl space-y-4 p-5 ${cardClass}`}>
      <FormError id="profile-error" message={state.status === "error" && !Object.keys(errors).length ? state.message : null} />
      <p className="text-sm text-slate-700">
        Signed in as <span className="font-medium text-slate-900">{profile.email}</span>
      </p>
      <Field id="profile-name" label="Name" errors={errors.name}>
        <TextInput id="profile-name" name="name" autoComplete="name" required defaultValue={values?.name ?? saved?.name ?? profile.name} errors={errors.name} />
      </Field>
      <Field id="profile-time-zone" label="Time zone" errors={errors.timeZone} hint="Your week starts on Monday in this time zone; reminders come at 09:00 here.">
        <Select id="profile-time-zone" name="timeZone" defaultValue={values?.timeZone ?? saved?.timeZone ?? profile.timeZone} errors={errors.timeZone} aria-describedby={errors.timeZone ? "profile-time-zone-error" : "profile-time-zone-hint"}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, " ")}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex items-start gap-2">
        <input
          id="profile-reminders"
          name="remindersEnabled"
          type="checkbox"
          value="on"
          defaultChecked={values ? values.remindersEnabled === "on" : (saved?.remindersEnabled ?? profile.remindersEnabled)}
          className="mt-0.5 size-4 accent-brand-600"
          aria-describedby="profile-reminders-hint"
        />
        <div>
          <label htmlFor="profile-reminders" className="text-sm font-medium text-slate-800">
            Weekly check-in reminders
          </label>
          <p id="profile-reminders-hint" className="text-xs text-slate-600">
            A mail on Monday morning when you have key results to check in, and, if you lead a team, a digest of its week on Tuesday morning.
          </p>
        </div>
      </div>
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
