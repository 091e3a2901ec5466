"use server";

import { headers } from "next/headers";
import { requestPasswordReset } from "@/lib/auth/account";
import { ForgotPasswordSchema } from "@/lib/auth/schemas";
import { definePublicAction } from "@/lib/http/action";

/** The same answer whether or not the address has an account. */
export const requestPasswordResetAction = definePublicAction({
  schema: ForgotPasswordSchema,
  run: async ({ email }) => {
    const forwarded = (await headers()).get("x-forwarded-for");
    await requestPasswordReset(email, forwarded?.split(",")[0]?.trim() || "local");
    return { email };
  },
});
