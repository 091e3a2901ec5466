import { z } from "zod";
import { IdSchema, idSchema, safeString } from "@/lib/http/schemas";
import { PaginationSchema } from "@/lib/http/pagination";

export const TeamNameSchema = safeString({ error: "Name the team" })
  .trim()
  .min(1, "Name the team")
  .max(120, "Team names are at most 120 characters");

export const ParentIdSchema = idSchema("Choose a parent team from the list (a team id)");

export const TeamRoleSchema = z.enum(["lead", "member"], { error: 'The role must be "lead" or "member"' });
export type TeamRoleValue = z.infer<typeof TeamRoleSchema>;

/** A form leaves the parent empty for a top-level team; the API may send null or leave it out. */
const OptionalParentSchema = ParentIdSchema.nullish().transform((v) => v ?? null);

export const CreateTeamSchema = z.object({ name: TeamNameSchema, parentId: OptionalParentSchema });
export type CreateTeamInput = z.output<typeof CreateTeamSchema>;

export const RenameTeamSchema = z.object({ name: TeamNameSchema });
export type RenameTeamInput = z.output<typeof RenameTeamSchema>;

/** No parent means the top level, so a move form can offer "no parent" as an empty choice. */
export const MoveTeamSchema = z.object({ parentId: OptionalParentSchema });
export type MoveTeamInput = z.output<typeof MoveTeamSchema>;

/** PATCH /api/v1/teams/:id: any of the three, applied together or not at all. `parentId: null` moves to the top. */
export const UpdateTeamSchema = z
  .object({
    name: TeamNameSchema.optional(),
    parentId: ParentIdSchema.nullable().optional(),
    archived: z.boolean({ error: "archived must be true or false" }).optional(),
  })
  .refine((v) => v.name !== undefined || v.parentId !== undefined || v.archived !== undefined, "Nothing to change: send name, parentId or archived");
export type UpdateTeamInput = z.output<typeof UpdateTeamSchema>;

export const AddTeamMemberSchema = z.object({
  userId: idSchema("Choose a person"),
  role: TeamRoleSchema.default("member"),
});
export type AddTeamMemberInput = z.output<typeof AddTeamMemberSchema>;

export const SetTeamMemberRoleSchema = z.object({ role: TeamRoleSchema });
export type SetTeamMemberRoleInput = z.output<typeof SetTeamMemberRoleSchema>;

export const ListTeamsQuerySchema = PaginationSchema.extend({
  parentId: idSchema("parentId must be a team id").optional(),
  archived: z.enum(["true", "false"], { error: 'archived must be "true" or "false"' }).optional(),
});

export const TeamMemberParamsSchema = z.object({ id: IdSchema, userId: IdSchema });
