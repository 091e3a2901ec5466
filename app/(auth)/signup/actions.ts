"use server";

import { definePublicAction } from "@/lib/http/action";
import { InvitedSignUpSchema, SignUpSchema } from "@/lib/auth/schemas";
import { signUp, signUpForInvitation } from "@/lib/auth/signup";
import { currentClientAddress, limitSignUp } from "@/lib/rate-limit";

export const signUpAction = definePublicAction({
  schema: SignUpSchema,
  run: async (input) => {
    await limitSignUp(input.email, await currentClientAddress());
    await signUp(input);
    return { email: input.email };
  },
});

export const signUpForInvitationAction = definePublicAction({
  schema: InvitedSignUpSchema,
  run: async (input) => {
    await limitSignUp(input.email, await currentClientAddress());
    await signUpForInvitation(input);
    return { email: input.email };
  },
});
