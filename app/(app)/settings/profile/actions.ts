"use server";

import { defineUserAction } from "@/lib/http/action";
import { updateProfile } from "@/lib/reminders/preferences";
import { ProfileSchema } from "@/lib/reminders/schemas";

/** Your own name, time zone and weekly reminders: no organisation role needed, only your session. */
export const updateProfileAction = defineUserAction({
  schema: ProfileSchema,
  run: async ({ userId, input }) => {
    const user = await updateProfile(userId, input);
    return { name: user.name, timeZone: user.timeZone, remindersEnabled: user.remindersEnabled };
  },
  message: (user) => (user.remindersEnabled ? `Saved. Reminders on, in ${user.timeZone}` : "Saved. Reminders off"),
});
