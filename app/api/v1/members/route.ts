import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { listMembers } from "@/lib/members/queries";
import { ListMembersQuerySchema } from "@/lib/members/schemas";
import { serializeMember } from "@/lib/members/serialize";

export const GET = defineRoute({
  permission: "member.read",
  query: ListMembersQuerySchema,
  run: async ({ actor, query }) => {
    const page = await listMembers(actor.orgId, query);
    return { data: page.data.map(serializeMember), nextCursor: page.nextCursor };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
