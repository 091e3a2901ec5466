import { beforeAll, describe, expect, it } from "vitest";
import {
  addTeamMemberAction,
  archiveTeamAction,
  createTeamAction,
  moveTeamAction,
  removeTeamMemberAction,
  renameTeamAction,
  setTeamMemberRoleAction,
  unarchiveTeamAction,
} from "@/app/(app)/teams/actions";
import { db } from "@/lib/db/prisma";
import { addTeamMember, createMember, createTeam } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";
import { snapshots, teamSnapshot } from "./snapshot";

let world: World;
let rival: World;

beforeAll(async () => {
  [world, rival] = await Promise.all([createWorld(), createWorld()]);
});

const idle = { status: "idle" } as const;
const unique = () => Math.random().toString(36).slice(2, 8);

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe("creating, renaming and moving teams", () => {
  it("creates a team under a parent for an admin, and at the top level when no parent is chosen", async () => {
    signInAs(world.admin.id);
    const name = `Research ${unique()}`;
    const created = await createTeamAction(idle, form({ name, parentId: world.team.id }));
    expect(created).toMatchObject({ status: "success", message: `${name} created` });
    expect(await db.team.findFirst({ where: { organizationId: world.org.id, name }, select: { parentId: true } })).toEqual({ parentId: world.team.id });

    const top = `Top ${unique()}`;
    expect(await createTeamAction(idle, form({ name: top, parentId: "" }))).toMatchObject({ status: "success" });
    expect(await db.team.findFirst({ where: { organizationId: world.org.id, name: top }, select: { parentId: true } })).toEqual({ parentId: null });
  });

  it("shows field errors for an empty or over-long name and a parent that is not a team, and keeps what was typed", async () => {
    signInAs(world.admin.id);
    const before = await teamSnapshot(world.org.id);
    const empty = await createTeamAction(idle, form({ name: "  " }));
    expect(empty).toMatchObject({ status: "error", code: "validation", fieldErrors: { name: ["Name the team"] } });
    const long = await createTeamAction(idle, form({ name: "y".repeat(121) }));
    expect(long).toMatchObject({ status: "error", fieldErrors: { name: ["Team names are at most 120 characters"] } });
    const badParent = await createTeamAction(idle, form({ name: "Kept", parentId: "not-a-team" }));
    expect(badParent).toMatchObject({ status: "error", values: { name: "Kept" } });
    expect(badParent.status === "error" && Object.keys(badParent.fieldErrors)).toEqual(["parentId"]);
    const foreignParent = await createTeamAction(idle, form({ name: "Kept", parentId: rival.team.id }));
    expect(foreignParent).toMatchObject({ status: "error", code: "not_found", fieldErrors: { parentId: [expect.any(String)] } });
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("refuses a member, a team lead and a viewer, and writes nothing", async () => {
    const before = await teamSnapshot(world.org.id);
    for (const user of [world.member, world.lead, world.viewer]) {
      signInAs(user.id);
      expect(await createTeamAction(idle, form({ name: "Not allowed" }))).toMatchObject({ status: "error", code: "forbidden" });
      expect(await renameTeamAction(idle, form({ teamId: world.team.id, name: "Not allowed" }))).toMatchObject({ status: "error", code: "forbidden" });
      expect(await moveTeamAction(idle, form({ teamId: world.team.id }))).toMatchObject({ status: "error", code: "forbidden" });
      expect(await archiveTeamAction(idle, form({ teamId: world.team.id }))).toMatchObject({ status: "error", code: "forbidden" });
    }
    signInAs(null);
    expect(await createTeamAction(idle, form({ name: "Signed out" }))).toMatchObject({ status: "error", code: "unauthenticated" });
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("renames a team and moves it to the top level and back", async () => {
    const dept = await createTeam(db, world.org.id);
    const team = await createTeam(db, world.org.id, { parentId: dept.id });
    signInAs(world.owner.id);
    expect(await renameTeamAction(idle, form({ teamId: team.id, name: "Payments" }))).toMatchObject({ status: "success", message: "Renamed to Payments" });
    expect(await moveTeamAction(idle, form({ teamId: team.id, parentId: "" }))).toMatchObject({ status: "success", message: "Payments moved" });
    expect((await db.team.findFirstOrThrow({ where: { id: team.id, organizationId: world.org.id } })).parentId).toBeNull();
    expect(await moveTeamAction(idle, form({ teamId: team.id, parentId: dept.id }))).toMatchObject({ status: "success" });
    expect((await db.team.findFirstOrThrow({ where: { id: team.id, organizationId: world.org.id } })).parentId).toBe(dept.id);
  });

  it("refuses to move a team under one of its own sub-teams, naming parentId with the reason", async () => {
    const dept = await createTeam(db, world.org.id, { name: `Dept ${unique()}` });
    const team = await createTeam(db, world.org.id, { parentId: dept.id });
    const squad = await createTeam(db, world.org.id, { name: `Squad ${unique()}`, parentId: team.id });
    signInAs(world.admin.id);
    const before = await teamSnapshot(world.org.id);
    const result = await moveTeamAction(idle, form({ teamId: dept.id, parentId: squad.id }));
    expect(result).toMatchObject({ status: "error", code: "validation", fieldErrors: { parentId: [`${dept.name} cannot move under ${squad.name}, which is one of its own sub-teams`] } });
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });
});

describe("archiving teams", () => {
  it("refuses to archive a team with live sub-teams, then archives and unarchives it", async () => {
    const team = await createTeam(db, world.org.id, { name: `Ops ${unique()}` });
    const sub = await createTeam(db, world.org.id, { name: `Ops desk ${unique()}`, parentId: team.id });
    signInAs(world.admin.id);
    const before = await teamSnapshot(world.org.id);
    const refused = await archiveTeamAction(idle, form({ teamId: team.id }));
    expect(refused).toMatchObject({ status: "error", code: "conflict", message: `${team.name} still has sub-teams that are not archived (${sub.name}); archive or move them first` });
    expect(await teamSnapshot(world.org.id)).toEqual(before);

    expect(await archiveTeamAction(idle, form({ teamId: sub.id }))).toMatchObject({ status: "success", message: `${sub.name} archived` });
    expect(await archiveTeamAction(idle, form({ teamId: team.id }))).toMatchObject({ status: "success" });
    const refusedChild = await unarchiveTeamAction(idle, form({ teamId: sub.id }));
    expect(refusedChild).toMatchObject({ status: "error", code: "conflict", message: `${sub.name} sits under ${team.name}, which is archived; unarchive ${team.name} first` });
    expect(await unarchiveTeamAction(idle, form({ teamId: team.id }))).toMatchObject({ status: "success", message: `${team.name} is back in the tree` });
    const rows = await db.team.findMany({ where: { organizationId: world.org.id, id: { in: [team.id, sub.id] } }, select: { id: true, archivedAt: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.archivedAt === null]))).toEqual({ [team.id]: true, [sub.id]: false });
  });
});

describe("team membership actions", () => {
  it("lets the team's lead add a person, make them lead and remove them", async () => {
    const person = await createMember(db, world.org.id, "member");
    signInAs(world.lead.id);
    const added = await addTeamMemberAction(idle, form({ teamId: world.team.id, userId: person.id, role: "member" }));
    expect(added).toMatchObject({ status: "success", message: `${person.name} added to ${world.team.name}` });
    const promoted = await setTeamMemberRoleAction(idle, form({ teamId: world.team.id, userId: person.id, role: "lead" }));
    expect(promoted).toMatchObject({ status: "success", message: `${person.name} now leads ${world.team.name}` });
    expect((await db.teamMembership.findFirstOrThrow({ where: { organizationId: world.org.id, teamId: world.team.id, userId: person.id } })).role).toBe("lead");
    const removed = await removeTeamMemberAction(idle, form({ teamId: world.team.id, userId: person.id }));
    expect(removed).toMatchObject({ status: "success", message: `${person.name} removed from ${world.team.name}` });
    expect(await db.teamMembership.count({ where: { organizationId: world.org.id, teamId: world.team.id, userId: person.id } })).toBe(0);
  });

  it("lets a lead manage a sub-team of their team, but not a team elsewhere", async () => {
    const sub = await createTeam(db, world.org.id, { parentId: world.team.id });
    const elsewhere = await createTeam(db, world.org.id);
    const person = await createMember(db, world.org.id, "member");
    signInAs(world.lead.id);
    expect(await addTeamMemberAction(idle, form({ teamId: sub.id, userId: person.id, role: "lead" }))).toMatchObject({ status: "success" });
    const before = await teamSnapshot(world.org.id);
    const refused = await addTeamMemberAction(idle, form({ teamId: elsewhere.id, userId: person.id }));
    expect(refused).toMatchObject({ status: "error", code: "forbidden", message: "Only admins and the team's leads can change its members" });
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("refuses a plain member and a viewer, and writes nothing", async () => {
    const person = await createMember(db, world.org.id, "member");
    const before = await teamSnapshot(world.org.id);
    for (const user of [world.member, world.viewer]) {
      signInAs(user.id);
      expect(await addTeamMemberAction(idle, form({ teamId: world.team.id, userId: person.id }))).toMatchObject({ status: "error", code: "forbidden" });
      expect(await setTeamMemberRoleAction(idle, form({ teamId: world.team.id, userId: world.member.id, role: "lead" }))).toMatchObject({ status: "error", code: "forbidden" });
      expect(await removeTeamMemberAction(idle, form({ teamId: world.team.id, userId: world.lead.id }))).toMatchObject({ status: "error", code: "forbidden" });
    }
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("explains a missing person, someone from another organisation and a person already in the team", async () => {
    const team = await createTeam(db, world.org.id);
    await addTeamMember(db, world.org.id, team.id, world.member.id);
    signInAs(world.admin.id);
    const before = await snapshots(world.org.id, rival.org.id);
    expect(await addTeamMemberAction(idle, form({ teamId: team.id, role: "member" }))).toMatchObject({ status: "error", fieldErrors: { userId: ["Choose a person"] } });
    expect(await addTeamMemberAction(idle, form({ teamId: team.id, userId: rival.member.id }))).toMatchObject({
      status: "error",
      code: "not_found",
      fieldErrors: { userId: ["That person is not a member of this organisation"] },
    });
    expect(await addTeamMemberAction(idle, form({ teamId: team.id, userId: world.member.id }))).toMatchObject({
      status: "error",
      code: "conflict",
      message: `${world.member.name} is already in ${team.name}`,
    });
    expect(await setTeamMemberRoleAction(idle, form({ teamId: team.id, userId: world.member.id, role: "owner" }))).toMatchObject({ status: "error", fieldErrors: { role: [expect.any(String)] } });
    expect(await snapshots(world.org.id, rival.org.id)).toEqual(before);
  });
});

describe("another organisation's member", () => {
  it("gets not-found from every team action on this organisation's teams, and nothing is written on either side", async () => {
    const archived = await db.team.create({ data: { organizationId: world.org.id, name: `Shelved ${unique()}`, archivedAt: new Date() } });
    const before = await snapshots(world.org.id, rival.org.id);
    signInAs(rival.admin.id);
    const attempts = [
      createTeamAction(idle, form({ name: "Inside job", parentId: world.team.id })),
      renameTeamAction(idle, form({ teamId: world.team.id, name: "Hijacked" })),
      moveTeamAction(idle, form({ teamId: world.team.id, parentId: rival.team.id })),
      moveTeamAction(idle, form({ teamId: rival.team.id, parentId: world.team.id })),
      archiveTeamAction(idle, form({ teamId: world.team.id })),
      unarchiveTeamAction(idle, form({ teamId: archived.id })),
      addTeamMemberAction(idle, form({ teamId: world.team.id, userId: rival.member.id })),
      setTeamMemberRoleAction(idle, form({ teamId: world.team.id, userId: world.member.id, role: "lead" })),
      removeTeamMemberAction(idle, form({ teamId: world.team.id, userId: world.member.id })),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toMatchObject({ status: "error", code: "not_found" });
    signInAs(rival.lead.id);
    expect(await addTeamMemberAction(idle, form({ teamId: world.team.id, userId: rival.member.id }))).toMatchObject({ status: "error", code: "not_found" });
    expect(await snapshots(world.org.id, rival.org.id)).toEqual(before);
  });
});
