import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { getMember, listTeamsOfMembers } from "@/lib/members/queries";
import { serializeMember } from "@/lib/members/serialize";

export const GET = defineRoute(operations.getMember, async ({ actor, params }) => {
  const member = await getMember(actor.orgId, params.userId);
  const teams = await listTeamsOfMembers(actor.orgId, [params.userId]);
  return { ...serializeMember(member), teams: teams.get(params.userId) ?? [] };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
