import { otherMethods } from "@/lib/http/methods";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";

/**
 * Who is asking: the person a session or API token acts as, their role and the organisation they act in. Lets a script
 * check its token before it writes anything; it reads nothing beyond the lookup every request makes.
 */
export const GET = defineRoute(operations.me, async ({ actor }) => ({
  data: {
    id: actor.userId,
    name: actor.name,
    email: actor.email,
    role: actor.role,
    organization: { id: actor.orgId, name: actor.orgName, slug: actor.orgSlug },
  },
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
