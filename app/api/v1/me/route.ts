import { otherMethods } from "@/lib/http/methods";
import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";

/**
 * Who is asking: the person (or, for an organisation token, the integration) a session or API token acts as, their
 * role, the token's kind and scope, and the organisation they act in. Lets a script
 * check its token before it writes anything; it reads nothing beyond the lookup every request makes.
 */
export const GET = defineRoute(operations.me, async ({ actor }) => ({
  data: {
    id: actor.userId,
    name: actor.name,
    email: actor.email,
    role: actor.role,
    organization: { id: actor.orgId, name: actor.orgName, slug: actor.orgSlug },
    token: actor.token ?? null,
  },
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
