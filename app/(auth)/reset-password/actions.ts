"use server";

import { resetPassword } from "@/lib/auth/account";
import { ResetPasswordSchema } from "@/lib/auth/schemas";
import { definePublicAction } from "@/lib/http/action";

export const resetPasswordAction = definePublicAction({
  schema: ResetPasswordSchema,
  run: async ({ token, password }) => resetPassword(token, password),
});
