import * as operations from "@/lib/api/operations";
import { removeDependency } from "@/lib/dependencies/mutations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

export const DELETE = defineRoute(operations.removeKeyResultDependency, async ({ actor, params }) => {
  await removeDependency(actor, params.id, params.dependsOnId);
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
