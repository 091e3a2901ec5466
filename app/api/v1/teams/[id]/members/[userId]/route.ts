import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { removeTeamMember, setTeamMemberRole } from "@/lib/teams/mutations";
import { serializeTeamMember } from "@/lib/teams/serialize";

export const PATCH = defineRoute(operations.setTeamMemberRole, async ({ actor, params, body }) => serializeTeamMember((await setTeamMemberRole(actor, params.id, params.userId, body)).member));

export const DELETE = defineRoute(operations.removeTeamMember, async ({ actor, params }) => {
  await removeTeamMember(actor, params.id, params.userId);
});

export const { GET, HEAD, POST, PUT, OPTIONS } = otherMethods("PATCH", "DELETE");
