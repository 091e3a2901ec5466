import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { removeTeamMember, setTeamMemberRole } from "@/lib/teams/mutations";
import { SetTeamMemberRoleSchema, TeamMemberParamsSchema } from "@/lib/teams/schemas";
import { serializeTeamMember } from "@/lib/teams/serialize";

export const PATCH = defineRoute({
  permission: "team.members.manage",
  params: TeamMemberParamsSchema,
  body: SetTeamMemberRoleSchema,
  run: async ({ actor, params, body }) => serializeTeamMember((await setTeamMemberRole(actor, params.id, params.userId, body)).member),
});

export const DELETE = defineRoute({
  permission: "team.members.manage",
  params: TeamMemberParamsSchema,
  run: async ({ actor, params }) => {
    await removeTeamMember(actor, params.id, params.userId);
  },
});

export const { GET, HEAD, POST, PUT, OPTIONS } = otherMethods("PATCH", "DELETE");
