import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { toPage } from "@/lib/http/pagination";
import { createTeam } from "@/lib/teams/mutations";
import { listTeams } from "@/lib/teams/queries";
import { serializeTeam } from "@/lib/teams/serialize";

export const GET = defineRoute(operations.listTeams, async ({ actor, query }) => toPage(await listTeams(actor.orgId, query), query, serializeTeam));

export const POST = defineRoute(operations.createTeam, async ({ actor, body }) => serializeTeam(await createTeam(actor, body)));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
