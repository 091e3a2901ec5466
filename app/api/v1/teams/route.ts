import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { toPage } from "@/lib/http/pagination";
import { createTeam } from "@/lib/teams/mutations";
import { listTeams } from "@/lib/teams/queries";
import { CreateTeamSchema, ListTeamsQuerySchema } from "@/lib/teams/schemas";
import { serializeTeam } from "@/lib/teams/serialize";

export const GET = defineRoute({
  permission: "team.read",
  query: ListTeamsQuerySchema,
  run: async ({ actor, query }) => toPage(await listTeams(actor.orgId, query), query, serializeTeam),
});

export const POST = defineRoute({
  permission: "team.manage",
  body: CreateTeamSchema,
  status: 201,
  run: async ({ actor, body }) => serializeTeam(await createTeam(actor, body)),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
