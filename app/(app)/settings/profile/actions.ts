"use server";

import { z } from "zod";
import { changePassword, endAllSessions, resendVerificationEmail } from "@/lib/auth/account";
import { ChangePasswordSchema } from "@/lib/auth/schemas";
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

/** Ends every session, this one too: the form signs this browser in again with the new password. */
export const changePasswordAction = defineUserAction({
  schema: ChangePasswordSchema,
  run: async ({ userId, input }) => changePassword(userId, input.currentPassword, input.newPassword),
});

export const signOutEverywhereAction = defineUserAction({
  schema: z.object({}),
  run: async ({ userId }) => endAllSessions(userId),
});

export const resendVerificationAction = defineUserAction({
  schema: z.object({}),
  run: async ({ userId }) => resendVerificationEmail(userId),
  message: ({ email }) => `We sent a new verification link to ${email}`,
});
