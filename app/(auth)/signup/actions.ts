"use server";

import { definePublicAction } from "@/lib/http/action";
import { SignUpSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/signup";

export const signUpAction = definePublicAction({
  schema: SignUpSchema,
  run: async (input) => {
    await signUp(input);
    return { email: input.email };
  },
});
