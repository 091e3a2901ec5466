"use server";

import { defineAction } from "@/lib/http/action";
import { createInvitation, revokeInvitation } from "@/lib/invitations/mutations";
import { CreateInvitationSchema, RevokeInvitationSchema } from "@/lib/invitations/schemas";
import { changeRole, removeMember } from "@/lib/members/mutations";
import { ChangeRoleSchema, RemoveMemberSchema, ROLE_LABEL } from "@/lib/members/schemas";

export const changeRoleAction = defineAction({
  permission: "member.update",
  schema: ChangeRoleSchema,
  run: async ({ actor, input }) => changeRole(actor, input.userId, input.role),
  message: (m) => `${m.name} is now ${ROLE_LABEL[m.role].toLowerCase()}`,
});

export const removeMemberAction = defineAction({
  permission: "member.remove",
  schema: RemoveMemberSchema,
  run: async ({ actor, input }) => removeMember(actor, input.userId),
  message: (m) => `${m.name} was removed`,
});

export const createInvitationAction = defineAction({
  permission: "member.invite",
  schema: CreateInvitationSchema,
  run: async ({ actor, input }) => {
    const invitation = await createInvitation(actor, input);
    return { id: invitation.id, path: invitation.path, role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() };
  },
  message: "Invitation created: copy the link now, it is shown only once",
});

export const revokeInvitationAction = defineAction({
  permission: "member.invite",
  schema: RevokeInvitationSchema,
  run: async ({ actor, input }) => revokeInvitation(actor, input.invitationId),
  message: (i) => (i.email ? `The invitation for ${i.email} was revoked` : "The invitation was revoked"),
});
