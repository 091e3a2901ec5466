import { z } from "zod";
import { IdSchema, idSchema, safeString } from "@/lib/http/schemas";
import { PaginationSchema } from "@/lib/http/pagination";

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_LABEL: Record<RoleName, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

export const RoleSchema = z.enum(ROLES, { error: "Choose a role: owner, admin, member or viewer" });

/** A name or email fragment; blank means no filter. */
export const MemberSearchSchema = safeString({ error: "Search with text" })
  .trim()
  .max(100, "Searches are at most 100 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

export const MemberIdSchema = idSchema("Choose a member");

export const ListMembersQuerySchema = PaginationSchema.extend({
  q: MemberSearchSchema,
  role: RoleSchema.optional(),
});
export type ListMembersQuery = z.output<typeof ListMembersQuerySchema>;

/** The People page's address: `?q=` and `?cursor=`, parsed like any other input. */
export const MembersPageParamsSchema = z.object({
  q: MemberSearchSchema,
  cursor: idSchema("That page link is out of date").optional(),
});

export const MemberParamsSchema = z.object({ userId: IdSchema });

export const ChangeRoleSchema = z.object({ userId: MemberIdSchema, role: RoleSchema });
export type ChangeRoleInput = z.output<typeof ChangeRoleSchema>;

export const RemoveMemberSchema = z.object({ userId: MemberIdSchema });
