"use server";

import { requestPasswordReset } from "@/lib/auth/account";
import { ForgotPasswordSchema } from "@/lib/auth/schemas";
import { definePublicAction } from "@/lib/http/action";
import { currentClientAddress } from "@/lib/rate-limit";

/** The same answer whether or not the address has an account. */
export const requestPasswordResetAction = definePublicAction({
  schema: ForgotPasswordSchema,
  run: async ({ email }) => {
    await requestPasswordReset(email, await currentClientAddress());
    return { email };
  },
});
