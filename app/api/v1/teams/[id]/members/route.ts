import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { PaginationSchema, toPage } from "@/lib/http/pagination";
import { IdParamsSchema } from "@/lib/http/schemas";
import { addTeamMember } from "@/lib/teams/mutations";
import { listTeamMembers } from "@/lib/teams/queries";
import { AddTeamMemberSchema } from "@/lib/teams/schemas";
import { serializeTeamMember } from "@/lib/teams/serialize";

export const GET = defineRoute({
  permission: "team.read",
  params: IdParamsSchema,
  query: PaginationSchema,
  run: async ({ actor, params, query }) => toPage(await listTeamMembers(actor.orgId, params.id, query), query, serializeTeamMember),
});

export const POST = defineRoute({
  permission: "team.members.manage",
  params: IdParamsSchema,
  body: AddTeamMemberSchema,
  status: 201,
  run: async ({ actor, params, body }) => serializeTeamMember((await addTeamMember(actor, params.id, body)).member),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
