"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/action";
import { addTeamMember, archiveTeam, createTeam, moveTeam, removeTeamMember, renameTeam, setTeamMemberRole, unarchiveTeam } from "@/lib/teams/mutations";
import { AddTeamMemberSchema, CreateTeamSchema, MoveTeamSchema, RenameTeamSchema, SetTeamMemberRoleSchema } from "@/lib/teams/schemas";
import { idSchema } from "@/lib/http/schemas";

const TeamIdSchema = z.object({ teamId: idSchema("Choose a team") });
const TeamMemberSchema = TeamIdSchema.extend({ userId: idSchema("Choose a person") });

export const createTeamAction = defineAction({
  permission: "team.manage",
  schema: CreateTeamSchema,
  run: async ({ actor, input }) => {
    const team = await createTeam(actor, input);
    return { id: team.id, name: team.name };
  },
  message: (t) => `${t.name} created`,
});

export const renameTeamAction = defineAction({
  permission: "team.manage",
  schema: RenameTeamSchema.extend(TeamIdSchema.shape),
  run: async ({ actor, input }) => (await renameTeam(actor, input.teamId, { name: input.name })).name,
  message: (name) => `Renamed to ${name}`,
});

export const moveTeamAction = defineAction({
  permission: "team.manage",
  schema: MoveTeamSchema.extend(TeamIdSchema.shape),
  run: async ({ actor, input }) => (await moveTeam(actor, input.teamId, { parentId: input.parentId })).name,
  message: (name) => `${name} moved`,
});

export const archiveTeamAction = defineAction({
  permission: "team.manage",
  schema: TeamIdSchema,
  run: async ({ actor, input }) => (await archiveTeam(actor, input.teamId)).name,
  message: (name) => `${name} archived`,
});

export const unarchiveTeamAction = defineAction({
  permission: "team.manage",
  schema: TeamIdSchema,
  run: async ({ actor, input }) => (await unarchiveTeam(actor, input.teamId)).name,
  message: (name) => `${name} is back in the tree`,
});

export const addTeamMemberAction = defineAction({
  permission: "team.members.manage",
  schema: AddTeamMemberSchema.extend(TeamIdSchema.shape),
  run: async ({ actor, input }) => {
    const { team, member } = await addTeamMember(actor, input.teamId, { userId: input.userId, role: input.role });
    return { team: team.name, name: member.user.name, role: member.role };
  },
  message: (r) => `${r.name} added to ${r.team}${r.role === "lead" ? " as lead" : ""}`,
});

export const setTeamMemberRoleAction = defineAction({
  permission: "team.members.manage",
  schema: SetTeamMemberRoleSchema.extend(TeamMemberSchema.shape),
  run: async ({ actor, input }) => {
    const { team, member } = await setTeamMemberRole(actor, input.teamId, input.userId, { role: input.role });
    return { team: team.name, name: member.user.name, role: member.role };
  },
  message: (r) => (r.role === "lead" ? `${r.name} now leads ${r.team}` : `${r.name} is now a member of ${r.team}`),
});

export const removeTeamMemberAction = defineAction({
  permission: "team.members.manage",
  schema: TeamMemberSchema,
  run: async ({ actor, input }) => {
    const { team, member } = await removeTeamMember(actor, input.teamId, input.userId);
    return { team: team.name, name: member.user.name };
  },
  message: (r) => `${r.name} removed from ${r.team}`,
});
