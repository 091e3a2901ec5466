import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { listMembers } from "@/lib/members/queries";
import { serializeMember } from "@/lib/members/serialize";

export const GET = defineRoute(operations.listMembers, async ({ actor, query }) => {
  const page = await listMembers(actor.orgId, query);
  return { data: page.data.map(serializeMember), nextCursor: page.nextCursor };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
