"use server";

import { defineUserAction } from "@/lib/http/action";
import { acceptInvitation } from "@/lib/invitations/mutations";
import { AcceptInvitationSchema } from "@/lib/invitations/schemas";
import { currentClientAddress, limitInvitationAcceptance } from "@/lib/rate-limit";

export const acceptInvitationAction = defineUserAction({
  schema: AcceptInvitationSchema,
  run: async ({ userId, input }) => {
    await limitInvitationAcceptance(userId, await currentClientAddress());
    return acceptInvitation(userId, input.secret);
  },
  message: (joined) => `Welcome to ${joined.organizationName}`,
});
