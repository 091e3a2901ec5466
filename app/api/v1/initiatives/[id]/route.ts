import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { deleteInitiative, updateInitiative } from "@/lib/initiatives/mutations";
import { getInitiative } from "@/lib/initiatives/queries";
import { serializeInitiative } from "@/lib/initiatives/serialize";

export const GET = defineRoute(operations.getInitiative, async ({ actor, params }) => serializeInitiative(await getInitiative(actor.orgId, params.id)));

export const PATCH = defineRoute(operations.updateInitiative, async ({ actor, params, body }) => serializeInitiative(await updateInitiative(actor, params.id, body)));

export const DELETE = defineRoute(operations.deleteInitiative, async ({ actor, params, query }) => {
  await deleteInitiative(actor, params.id, query.version);
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
