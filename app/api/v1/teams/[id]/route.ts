import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { updateTeam } from "@/lib/teams/mutations";
import { getTeam } from "@/lib/teams/queries";
import { serializeTeam } from "@/lib/teams/serialize";

export const GET = defineRoute(operations.getTeam, async ({ actor, params }) => serializeTeam(await getTeam(actor.orgId, params.id)));

export const PATCH = defineRoute(operations.updateTeam, async ({ actor, params, body }) => serializeTeam(await updateTeam(actor, params.id, body)));

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
