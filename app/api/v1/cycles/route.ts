import { createCycle } from "@/lib/cycles/mutations";
import { serializeCycle } from "@/lib/cycles/serialize";
import { listCyclesPage } from "@/lib/cycles/queries";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

export const GET = defineRoute(operations.listCycles, async ({ actor, query }) => listCyclesPage(actor, query));

export const POST = defineRoute(operations.createCycle, async ({ actor, body }) => serializeCycle(await createCycle(actor, body)));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
