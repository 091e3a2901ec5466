import * as operations from "@/lib/api/operations";
import { removeSupport } from "@/lib/dependencies/mutations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

export const DELETE = defineRoute(operations.removeObjectiveSupport, async ({ actor, params }) => {
  await removeSupport(actor, params.id, params.supportId);
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
