import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";
import type { AddTeamMemberInput, CreateTeamInput, MoveTeamInput, RenameTeamInput, SetTeamMemberRoleInput, UpdateTeamInput } from "./schemas";
import { wouldCreateCycle } from "./tree";

const TEAM_SELECT = { id: true, parentId: true, name: true, archivedAt: true, createdAt: true, updatedAt: true } as const;
type TeamRow = Awaited<ReturnType<typeof lockTeam>>;

const AUDIT = { entityType: "team" } as const;

/**
 * Serialises changes to the shape of one organisation's tree (create, move, archive, unarchive). Without it two
 * moves running at once could each pass the loop check and together make a loop, or a sub-team could be created
 * under a parent that is being archived. Team changes are rare, so waiting on one lock per organisation is cheap.
 */
async function lockTree(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`keel:team-tree:${orgId}`}, 0))`;
}

/** Loads a team of the actor's organisation for change, locking its row; another organisation's id is a 404. */
async function lockTeam(tx: Tx, orgId: string, teamId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM teams WHERE id = ${teamId}::uuid AND organization_id = ${orgId}::uuid FOR UPDATE`;
  if (!rows.length) throw notFound("That team");
  return tx.team.findUniqueOrThrow({ where: { id: teamId, organizationId: orgId }, select: TEAM_SELECT });
}

function assertNotArchived(team: TeamRow, what: string): void {
  if (team.archivedAt) throw conflict(`${team.name} is archived; unarchive it to ${what}`);
}

/** A parent must be a live team of the same organisation; anything else is "not found", named on the field. */
async function findLiveParent(tx: Tx, orgId: string, parentId: string) {
  const parent = await tx.team.findFirst({ where: { id: parentId, organizationId: orgId, archivedAt: null }, select: { id: true, name: true } });
  if (!parent) {
    const message = "That parent team was not found in this organisation, or it is archived";
    throw new AppError("not_found", message, { parentId: [message] });
  }
  return parent;
}

export async function createTeam(actor: Actor, input: CreateTeamInput) {
  assertCan(actor, "team.manage");
  return db.$transaction(async (tx) => {
    await lockTree(tx, actor.orgId);
    if (input.parentId) await findLiveParent(tx, actor.orgId, input.parentId);
    const team = await tx.team.create({ data: { organizationId: actor.orgId, name: input.name, parentId: input.parentId }, select: TEAM_SELECT });
    await recordAudit(tx, actor, { ...AUDIT, entityId: team.id, action: "team.created", after: { name: team.name, parentId: team.parentId } });
    return team;
  });
}

async function renameIn(tx: Tx, actor: Actor, before: TeamRow, name: string): Promise<TeamRow> {
  assertNotArchived(before, "rename it");
  if (before.name === name) return before;
  const after = await tx.team.update({ where: { id: before.id, organizationId: actor.orgId }, data: { name }, select: TEAM_SELECT });
  await recordAudit(tx, actor, { ...AUDIT, entityId: before.id, action: "team.renamed", before: { name: before.name }, after: { name } });
  return after;
}

async function moveIn(tx: Tx, actor: Actor, before: TeamRow, parentId: string | null): Promise<TeamRow> {
  assertNotArchived(before, "move it");
  if (before.parentId === parentId) return before;
  if (parentId === before.id) throw invalid("parentId", `${before.name} cannot be its own parent`);
  let parentName: string | null = null;
  if (parentId) {
    const parent = await findLiveParent(tx, actor.orgId, parentId);
    parentName = parent.name;
    // The new parent's ancestors are enough to tell whether it sits beneath the team being moved.
    const chain = await tx.$queryRaw<{ id: string; parentId: string | null }[]>`
      WITH RECURSIVE up AS (
        SELECT id, parent_id, 1 AS depth FROM teams WHERE id = ${parentId}::uuid AND organization_id = ${actor.orgId}::uuid
        UNION ALL
        SELECT t.id, t.parent_id, up.depth + 1 FROM teams t JOIN up ON t.id = up.parent_id
        WHERE t.organization_id = ${actor.orgId}::uuid AND up.depth < 64
      )
      SELECT id::text AS id, parent_id::text AS "parentId" FROM up`;
    if (wouldCreateCycle(new Map(chain.map((r) => [r.id, r.parentId])), before.id, parentId)) {
      throw invalid("parentId", `${before.name} cannot move under ${parent.name}, which is one of its own sub-teams`);
    }
  }
  const after = await tx.team.update({ where: { id: before.id, organizationId: actor.orgId }, data: { parentId }, select: TEAM_SELECT });
  await recordAudit(tx, actor, {
    ...AUDIT,
    entityId: before.id,
    action: "team.moved",
    before: { parentId: before.parentId },
    after: { parentId, parentName },
  });
  return after;
}

async function archiveIn(tx: Tx, actor: Actor, before: TeamRow): Promise<TeamRow> {
  if (before.archivedAt) throw conflict(`${before.name} is already archived`);
  const live = await tx.team.findMany({
    where: { organizationId: actor.orgId, parentId: before.id, archivedAt: null },
    select: { name: true },
    orderBy: { name: "asc" },
    take: 4,
  });
  if (live.length) {
    const names = live.slice(0, 3).map((t) => t.name).join(", ") + (live.length > 3 ? "…" : "");
    throw conflict(`${before.name} still has sub-teams that are not archived (${names}); archive or move them first`);
  }
  const after = await tx.team.update({ where: { id: before.id, organizationId: actor.orgId }, data: { archivedAt: new Date() }, select: TEAM_SELECT });
  await recordAudit(tx, actor, { ...AUDIT, entityId: before.id, action: "team.archived", before: { archivedAt: null }, after: { archivedAt: after.archivedAt } });
  return after;
}

async function unarchiveIn(tx: Tx, actor: Actor, before: TeamRow): Promise<TeamRow> {
  if (!before.archivedAt) throw conflict(`${before.name} is not archived`);
  if (before.parentId) {
    const parent = await tx.team.findFirst({ where: { id: before.parentId, organizationId: actor.orgId }, select: { name: true, archivedAt: true } });
    if (parent?.archivedAt) throw conflict(`${before.name} sits under ${parent.name}, which is archived; unarchive ${parent.name} first`);
  }
  const after = await tx.team.update({ where: { id: before.id, organizationId: actor.orgId }, data: { archivedAt: null }, select: TEAM_SELECT });
  await recordAudit(tx, actor, { ...AUDIT, entityId: before.id, action: "team.unarchived", before: { archivedAt: before.archivedAt }, after: { archivedAt: null } });
  return after;
}

export async function renameTeam(actor: Actor, teamId: string, input: RenameTeamInput) {
  assertCan(actor, "team.manage");
  return db.$transaction(async (tx) => renameIn(tx, actor, await lockTeam(tx, actor.orgId, teamId), input.name));
}

/** Moves a team (with everything beneath it) under another team, or to the top level with `parentId: null`. */
export async function moveTeam(actor: Actor, teamId: string, input: MoveTeamInput) {
  assertCan(actor, "team.manage");
  return db.$transaction(async (tx) => {
    await lockTree(tx, actor.orgId);
    return moveIn(tx, actor, await lockTeam(tx, actor.orgId, teamId), input.parentId);
  });
}

/** Archived teams keep their members, objectives and history; they leave the tree and stop taking changes. */
export async function archiveTeam(actor: Actor, teamId: string) {
  assertCan(actor, "team.manage");
  return db.$transaction(async (tx) => {
    await lockTree(tx, actor.orgId);
    return archiveIn(tx, actor, await lockTeam(tx, actor.orgId, teamId));
  });
}

export async function unarchiveTeam(actor: Actor, teamId: string) {
  assertCan(actor, "team.manage");
  return db.$transaction(async (tx) => {
    await lockTree(tx, actor.orgId);
    return unarchiveIn(tx, actor, await lockTeam(tx, actor.orgId, teamId));
  });
}

/**
 * The API's PATCH: name, parent and archived state in one transaction, so a refused part leaves nothing changed.
 * Unarchiving comes first and archiving last, since an archived team takes no other change.
 */
export async function updateTeam(actor: Actor, teamId: string, input: UpdateTeamInput) {
  assertCan(actor, "team.manage");
  return db.$transaction(async (tx) => {
    await lockTree(tx, actor.orgId);
    let team = await lockTeam(tx, actor.orgId, teamId);
    const isArchived = team.archivedAt !== null;
    if (input.archived === false && isArchived) team = await unarchiveIn(tx, actor, team);
    if (input.parentId !== undefined) team = await moveIn(tx, actor, team, input.parentId);
    if (input.name !== undefined) team = await renameIn(tx, actor, team, input.name);
    if (input.archived === true && !isArchived) team = await archiveIn(tx, actor, team);
    return team;
  });
}

const MEMBER_SELECT = { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } } as const;

/**
 * Member changes need `team.members.manage` on this team: admins anywhere, leads for their team and the teams
 * beneath it. The team is looked up in the actor's organisation first, so another organisation's team is a 404.
 */
async function lockTeamForMembers(tx: Tx, actor: Actor, teamId: string): Promise<TeamRow> {
  const team = await lockTeam(tx, actor.orgId, teamId);
  assertCan(actor, "team.members.manage", { teamId });
  assertNotArchived(team, "change its members");
  return team;
}

export async function addTeamMember(actor: Actor, teamId: string, input: AddTeamMemberInput) {
  return db.$transaction(async (tx) => {
    const team = await lockTeamForMembers(tx, actor, teamId);
    const membership = await tx.membership.findFirst({
      where: { organizationId: actor.orgId, userId: input.userId },
      select: { user: { select: { id: true, name: true } } },
    });
    if (!membership) {
      const message = "That person is not a member of this organisation";
      throw new AppError("not_found", message, { userId: [message] });
    }
    const existing = await tx.teamMembership.findFirst({ where: { organizationId: actor.orgId, teamId, userId: input.userId }, select: { role: true } });
    if (existing) throw conflict(`${membership.user.name} is already in ${team.name}`);
    const created = await tx.teamMembership.create({
      data: { organizationId: actor.orgId, teamId, userId: input.userId, role: input.role },
      select: MEMBER_SELECT,
    });
    await recordAudit(tx, actor, { ...AUDIT, entityId: teamId, action: "team.member_added", after: { userId: input.userId, name: membership.user.name, role: input.role } });
    return { team: { id: team.id, name: team.name }, member: created };
  });
}

async function findTeamMember(tx: Tx, actor: Actor, team: TeamRow, userId: string) {
  const member = await tx.teamMembership.findFirst({ where: { organizationId: actor.orgId, teamId: team.id, userId }, select: { id: true, ...MEMBER_SELECT } });
  if (!member) throw notFound(`That person in ${team.name}`);
  return member;
}

export async function setTeamMemberRole(actor: Actor, teamId: string, userId: string, input: SetTeamMemberRoleInput) {
  return db.$transaction(async (tx) => {
    const team = await lockTeamForMembers(tx, actor, teamId);
    const before = await findTeamMember(tx, actor, team, userId);
    if (before.role === input.role) return { team: { id: team.id, name: team.name }, member: before };
    const member = await tx.teamMembership.update({ where: { id: before.id, organizationId: actor.orgId }, data: { role: input.role }, select: MEMBER_SELECT });
    await recordAudit(tx, actor, {
      ...AUDIT,
      entityId: teamId,
      action: "team.member_role_changed",
      before: { userId, role: before.role },
      after: { userId, name: member.user.name, role: input.role },
    });
    return { team: { id: team.id, name: team.name }, member };
  });
}

export async function removeTeamMember(actor: Actor, teamId: string, userId: string) {
  return db.$transaction(async (tx) => {
    const team = await lockTeamForMembers(tx, actor, teamId);
    const before = await findTeamMember(tx, actor, team, userId);
    await tx.teamMembership.delete({ where: { id: before.id, organizationId: actor.orgId } });
    await recordAudit(tx, actor, { ...AUDIT, entityId: teamId, action: "team.member_removed", before: { userId, name: before.user.name, role: before.role } });
    return { team: { id: team.id, name: team.name }, member: before };
  });
}
