import * as operations from "@/lib/api/operations";
import { addDependency } from "@/lib/dependencies/mutations";
import { keyResultDependencies } from "@/lib/dependencies/queries";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";

export const GET = defineRoute(operations.listKeyResultDependencies, async ({ actor, params }) => keyResultDependencies(actor.orgId, params.id));

export const POST = defineRoute(operations.addKeyResultDependency, async ({ actor, params, body }) => {
  const d = await addDependency(actor, params.id, body);
  return { ...d, createdAt: d.createdAt.toISOString() };
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
