import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { IdParamsSchema } from "@/lib/http/schemas";
import { updateTeam } from "@/lib/teams/mutations";
import { getTeam } from "@/lib/teams/queries";
import { UpdateTeamSchema } from "@/lib/teams/schemas";
import { serializeTeam } from "@/lib/teams/serialize";

export const GET = defineRoute({
  permission: "team.read",
  params: IdParamsSchema,
  run: async ({ actor, params }) => serializeTeam(await getTeam(actor.orgId, params.id)),
});

export const PATCH = defineRoute({
  permission: "team.manage",
  params: IdParamsSchema,
  body: UpdateTeamSchema,
  run: async ({ actor, params, body }) => serializeTeam(await updateTeam(actor, params.id, body)),
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
