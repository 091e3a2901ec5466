"use server";

import { definePublicAction } from "@/lib/http/action";
import { InvitedSignUpSchema, SignUpSchema } from "@/lib/auth/schemas";
import { signUp, signUpForInvitation } from "@/lib/auth/signup";

export const signUpAction = definePublicAction({
  schema: SignUpSchema,
  run: async (input) => {
    await signUp(input);
    return { email: input.email };
  },
});

export const signUpForInvitationAction = definePublicAction({
  schema: InvitedSignUpSchema,
  run: async (input) => {
    await signUpForInvitation(input);
    return { email: input.email };
  },
});
