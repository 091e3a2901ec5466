import { db } from "@/lib/db/prisma";
import { addTeamMember, createCycle, createMember, createOrganization, createTeam } from "@/prisma/factories";

/**
 * An organisation with one person per role, a team led by `lead`, and an active cycle. Every name is unique,
 * so tests in the same worker database never see each other's rows.
 */
export async function createWorld() {
  const org = await createOrganization(db);
  const [owner, admin, lead, member, viewer] = await Promise.all([
    createMember(db, org.id, "owner"),
    createMember(db, org.id, "admin"),
    createMember(db, org.id, "member"),
    createMember(db, org.id, "member"),
    createMember(db, org.id, "viewer"),
  ]);
  const team = await createTeam(db, org.id);
  await addTeamMember(db, org.id, team.id, lead.id, "lead");
  await addTeamMember(db, org.id, team.id, member.id, "member");
  const cycle = await createCycle(db, org.id, { state: "active" });
  await db.organization.update({ where: { id: org.id }, data: { defaultCycleId: cycle.id } });
  return { org, owner, admin, lead, member, viewer, team, cycle };
}

export type World = Awaited<ReturnType<typeof createWorld>>;
