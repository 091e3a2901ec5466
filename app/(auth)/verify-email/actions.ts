"use server";

import { z } from "zod";
import { verifyEmail } from "@/lib/auth/account";
import { VerifyEmailTokenSchema } from "@/lib/auth/schemas";
import { definePublicAction } from "@/lib/http/action";

// A button rather than the link itself: mail scanners open links, and a link that acts on GET would be spent by them.
export const verifyEmailAction = definePublicAction({
  schema: z.object({ token: VerifyEmailTokenSchema }),
  run: async ({ token }) => verifyEmail(token),
});
