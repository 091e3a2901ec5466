import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { toPage } from "@/lib/http/pagination";
import { addTeamMember } from "@/lib/teams/mutations";
import { listTeamMembers } from "@/lib/teams/queries";
import { serializeTeamMember } from "@/lib/teams/serialize";

export const GET = defineRoute(operations.listTeamMembers, async ({ actor, params, query }) => toPage(await listTeamMembers(actor.orgId, params.id, query), query, serializeTeamMember));

export const POST = defineRoute(operations.addTeamMember, async ({ actor, params, body }) => serializeTeamMember((await addTeamMember(actor, params.id, body)).member));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
