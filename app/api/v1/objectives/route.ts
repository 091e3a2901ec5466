import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { createObjective } from "@/lib/objectives/mutations";
import { listObjectives } from "@/lib/objectives/queries";
import { serializeObjective } from "@/lib/objectives/serialize";

export const GET = defineRoute(operations.listObjectives, async ({ actor, query }) => listObjectives(actor.orgId, query));

export const POST = defineRoute(operations.createObjective, async ({ actor, body }) => serializeObjective(await createObjective(actor, body)));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
