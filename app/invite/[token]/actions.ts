"use server";

import { defineUserAction } from "@/lib/http/action";
import { acceptInvitation } from "@/lib/invitations/mutations";
import { AcceptInvitationSchema } from "@/lib/invitations/schemas";

export const acceptInvitationAction = defineUserAction({
  schema: AcceptInvitationSchema,
  run: async ({ userId, input }) => acceptInvitation(userId, input.secret),
  message: (joined) => `Welcome to ${joined.organizationName}`,
});
