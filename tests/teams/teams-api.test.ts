import { beforeAll, describe, expect, it } from "vitest";
import { GET as listTeams, POST as postTeam } from "@/app/api/v1/teams/route";
import { GET as getTeam, PATCH as patchTeam } from "@/app/api/v1/teams/[id]/route";
import { GET as listMembers, POST as postMember } from "@/app/api/v1/teams/[id]/members/route";
import { DELETE as deleteMember, PATCH as patchMember } from "@/app/api/v1/teams/[id]/members/[userId]/route";
import { db } from "@/lib/db/prisma";
import { addTeamMember, createApiToken, createMember, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";
import { snapshots, teamSnapshot } from "./snapshot";

let world: World;
let rival: World;
const tokens = { admin: "", owner: "", lead: "", member: "", viewer: "", rivalAdmin: "" };

beforeAll(async () => {
  [world, rival] = await Promise.all([createWorld(), createWorld()]);
  const [admin, owner, lead, member, viewer, rivalAdmin] = await Promise.all([
    createApiToken(db, world.org.id, world.admin.id),
    createApiToken(db, world.org.id, world.owner.id),
    createApiToken(db, world.org.id, world.lead.id),
    createApiToken(db, world.org.id, world.member.id),
    createApiToken(db, world.org.id, world.viewer.id),
    createApiToken(db, rival.org.id, rival.admin.id),
  ]);
  Object.assign(tokens, { admin: admin.secret, owner: owner.secret, lead: lead.secret, member: member.secret, viewer: viewer.secret, rivalAdmin: rivalAdmin.secret });
});

type Json = Record<string, unknown> & { errors?: { field: string; message: string }[]; detail?: string };
const json = (res: { json: unknown }) => res.json as Json;
const unique = () => Math.random().toString(36).slice(2, 8);

describe("POST /api/v1/teams", () => {
  it("creates a top-level team and a team under it, each with its history", async () => {
    const top = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token: tokens.admin, body: { name: `  Department ${unique()} ` } });
    expect(top.status).toBe(201);
    expect(json(top)).toMatchObject({ parentId: null, archived: false });
    expect(json(top).name).toMatch(/^Department \w+$/);
    const child = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token: tokens.owner, body: { name: "Squad", parentId: json(top).id } });
    expect(child.status).toBe(201);
    expect(json(child)).toMatchObject({ name: "Squad", parentId: json(top).id });
    const stored = await db.team.findFirst({ where: { id: json(child).id as string, organizationId: world.org.id } });
    expect(stored?.parentId).toBe(json(top).id);
    const audit = await db.auditEvent.findFirst({ where: { organizationId: world.org.id, entityType: "team", entityId: json(child).id as string, action: "team.created" } });
    expect(audit?.actorId).toBe(world.owner.id);
  });

  it("names the field for an empty or over-long name and a parent that is not a team id, and writes nothing", async () => {
    const before = await teamSnapshot(world.org.id);
    const empty = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token: tokens.admin, body: { name: "   " } });
    expect(empty.status).toBe(422);
    expect(json(empty).errors).toEqual([{ field: "name", message: "Name the team" }]);
    const long = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token: tokens.admin, body: { name: "x".repeat(121) } });
    expect(long.status).toBe(422);
    expect(json(long).errors).toEqual([{ field: "name", message: "Team names are at most 120 characters" }]);
    const badParent = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token: tokens.admin, body: { name: "Orphan", parentId: "platform" } });
    expect(badParent.status).toBe(422);
    expect(json(badParent).errors?.[0]?.field).toBe("parentId");
    const missing = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token: tokens.admin, body: {} });
    expect(missing.status).toBe(422);
    expect(json(missing).errors?.[0]?.field).toBe("name");
    const notJson = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token: tokens.admin, body: "{nope" });
    expect(notJson.status).toBe(400);
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("answers 404 naming parentId for a parent in another organisation or an archived one", async () => {
    const archived = await db.team.create({ data: { organizationId: world.org.id, name: `Old ${unique()}`, archivedAt: new Date() } });
    const before = await snapshots(world.org.id, rival.org.id);
    for (const parentId of [rival.team.id, archived.id, "0195d3a0-0000-7000-8000-000000000000"]) {
      const res = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token: tokens.admin, body: { name: "Under", parentId } });
      expect(res.status).toBe(404);
      expect(json(res).errors?.[0]?.field).toBe("parentId");
    }
    expect(await snapshots(world.org.id, rival.org.id)).toEqual(before);
  });

  it("refuses members, team leads and viewers with 403 and writes nothing", async () => {
    const before = await teamSnapshot(world.org.id);
    for (const token of [tokens.member, tokens.lead, tokens.viewer]) {
      const res = await callApi(postTeam, { method: "POST", path: "/api/v1/teams", token, body: { name: "Shadow team" } });
      expect(res.status).toBe(403);
    }
    expect(await teamSnapshot(world.org.id)).toEqual(before);
    expect((await callApi(postTeam, { method: "POST", path: "/api/v1/teams", body: { name: "Anonymous" } })).status).toBe(401);
  });
});

describe("GET /api/v1/teams", () => {
  it("lists the organisation's teams page by page, filtered by parent and archived state", async () => {
    const parent = await createTeam(db, world.org.id, { name: `Parent ${unique()}` });
    const kids = await Promise.all([0, 1, 2].map((i) => createTeam(db, world.org.id, { name: `Kid ${i}`, parentId: parent.id })));
    await db.team.update({ where: { id: kids[2]!.id }, data: { archivedAt: new Date() } });

    const first = await callApi(listTeams, { path: `/api/v1/teams?parentId=${parent.id}&limit=2`, token: tokens.viewer });
    expect(first.status).toBe(200);
    const page1 = first.json as { data: { id: string; parentId: string }[]; nextCursor: string };
    expect(page1.data).toHaveLength(2);
    const second = await callApi(listTeams, { path: `/api/v1/teams?parentId=${parent.id}&limit=2&cursor=${page1.nextCursor}`, token: tokens.viewer });
    const page2 = second.json as { data: { id: string }[]; nextCursor: string | null };
    expect([...page1.data, ...page2.data].map((t) => t.id).sort()).toEqual(kids.map((k) => k.id).sort());
    expect(page2.nextCursor).toBeNull();

    const live = await callApi(listTeams, { path: `/api/v1/teams?parentId=${parent.id}&archived=false`, token: tokens.member });
    expect((live.json as { data: { id: string }[] }).data.map((t) => t.id).sort()).toEqual([kids[0]!.id, kids[1]!.id].sort());
    const archived = await callApi(listTeams, { path: `/api/v1/teams?parentId=${parent.id}&archived=true`, token: tokens.member });
    expect((archived.json as { data: unknown[] }).data).toEqual([expect.objectContaining({ id: kids[2]!.id, archived: true })]);
  });

  it("never lists another organisation's teams", async () => {
    const res = await callApi(listTeams, { path: "/api/v1/teams?limit=200", token: tokens.rivalAdmin });
    const ids = (res.json as { data: { id: string }[] }).data.map((t) => t.id);
    expect(ids).toContain(rival.team.id);
    expect(ids).not.toContain(world.team.id);
    const underTheirs = await callApi(listTeams, { path: `/api/v1/teams?parentId=${world.team.id}`, token: tokens.rivalAdmin });
    expect((underTheirs.json as { data: unknown[] }).data).toEqual([]);
  });

  it("answers 400 naming the filter that is wrong", async () => {
    const res = await callApi(listTeams, { path: "/api/v1/teams?archived=maybe", token: tokens.member });
    expect(res.status).toBe(400);
    expect(json(res).errors?.[0]?.field).toBe("archived");
    const parent = await callApi(listTeams, { path: "/api/v1/teams?parentId=platform", token: tokens.member });
    expect(parent.status).toBe(400);
    expect(json(parent).errors?.[0]?.field).toBe("parentId");
  });
});

describe("GET /api/v1/teams/:id", () => {
  it("shows the team with its path to the top and its member count", async () => {
    const dept = await createTeam(db, world.org.id, { name: "Engineering" });
    const group = await createTeam(db, world.org.id, { name: "Infrastructure", parentId: dept.id });
    const squad = await createTeam(db, world.org.id, { name: "Databases", parentId: group.id });
    await addTeamMember(db, world.org.id, squad.id, world.member.id);
    const res = await callApi(getTeam, { path: "/x", token: tokens.viewer, params: { id: squad.id } });
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({
      id: squad.id,
      name: "Databases",
      memberCount: 1,
      path: [
        { id: dept.id, name: "Engineering" },
        { id: group.id, name: "Infrastructure" },
      ],
    });
  });

  it("answers 404 for another organisation's team, an unknown id and a malformed one", async () => {
    expect((await callApi(getTeam, { path: "/x", token: tokens.rivalAdmin, params: { id: world.team.id } })).status).toBe(404);
    expect((await callApi(getTeam, { path: "/x", token: tokens.admin, params: { id: "0195d3a0-0000-7000-8000-000000000000" } })).status).toBe(404);
    expect((await callApi(getTeam, { path: "/x", token: tokens.admin, params: { id: "platform" } })).status).toBe(404);
  });
});

describe("PATCH /api/v1/teams/:id", () => {
  async function tree() {
    const dept = await createTeam(db, world.org.id, { name: `Dept ${unique()}` });
    const team = await createTeam(db, world.org.id, { name: `Team ${unique()}`, parentId: dept.id });
    const squad = await createTeam(db, world.org.id, { name: `Squad ${unique()}`, parentId: team.id });
    return { dept, team, squad };
  }
  const patch = (id: string, body: unknown, token = tokens.admin) => callApi(patchTeam, { method: "PATCH", path: "/x", token, params: { id }, body });

  it("renames, moves to the top and back under a team, and records each change", async () => {
    const { dept, team } = await tree();
    const renamed = await patch(team.id, { name: "Renamed team" });
    expect(renamed.status).toBe(200);
    expect(json(renamed)).toMatchObject({ name: "Renamed team", parentId: dept.id });
    const top = await patch(team.id, { parentId: null });
    expect(json(top)).toMatchObject({ parentId: null });
    const back = await patch(team.id, { parentId: dept.id, name: "Back again" });
    expect(json(back)).toMatchObject({ parentId: dept.id, name: "Back again" });
    // The last PATCH writes two events in one transaction, which share a timestamp: compare them unordered.
    const actions = await db.auditEvent.findMany({ where: { organizationId: world.org.id, entityId: team.id }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["team.moved", "team.moved", "team.renamed", "team.renamed"]);
  });

  it("refuses a move under the team itself or one of its sub-teams with 422 naming parentId, and changes nothing", async () => {
    const { dept, squad } = await tree();
    const before = await teamSnapshot(world.org.id);
    const underDescendant = await patch(dept.id, { parentId: squad.id, name: "Should not stick" });
    expect(underDescendant.status).toBe(422);
    expect(json(underDescendant).errors).toEqual([{ field: "parentId", message: `${dept.name} cannot move under ${squad.name}, which is one of its own sub-teams` }]);
    const underItself = await patch(dept.id, { parentId: dept.id });
    expect(underItself.status).toBe(422);
    expect(json(underItself).errors?.[0]).toMatchObject({ field: "parentId", message: `${dept.name} cannot be its own parent` });
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("lets only one of two crossing moves through, so the tree never gets a loop", async () => {
    const a = await createTeam(db, world.org.id, { name: `A ${unique()}` });
    const b = await createTeam(db, world.org.id, { name: `B ${unique()}` });
    const results = await Promise.all([patch(a.id, { parentId: b.id }), patch(b.id, { parentId: a.id })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    const rows = await db.team.findMany({ where: { organizationId: world.org.id, id: { in: [a.id, b.id] } }, select: { parentId: true } });
    expect(rows.filter((r) => r.parentId !== null)).toHaveLength(1);
  });

  it("refuses to archive a team with live sub-teams (409 with the reason), then archives once they are archived", async () => {
    const { dept, team, squad } = await tree();
    const before = await teamSnapshot(world.org.id);
    const refused = await patch(team.id, { archived: true });
    expect(refused.status).toBe(409);
    expect(json(refused).detail).toBe(`${team.name} still has sub-teams that are not archived (${squad.name}); archive or move them first`);
    expect(await teamSnapshot(world.org.id)).toEqual(before);

    expect(json(await patch(squad.id, { archived: true }))).toMatchObject({ archived: true });
    const archived = await patch(team.id, { archived: true });
    expect(archived.status).toBe(200);
    expect(json(archived).archivedAt).toEqual(expect.any(String));
    expect((await db.team.findFirstOrThrow({ where: { id: team.id, organizationId: world.org.id } })).archivedAt).not.toBeNull();

    const rename = await patch(team.id, { name: "Ghost" });
    expect(rename.status).toBe(409);
    const child = await patch(squad.id, { archived: false });
    expect(child.status).toBe(409);
    expect(json(child).detail).toMatch(/unarchive .* first/);
    const restored = await patch(team.id, { archived: false, name: "Restored" });
    expect(json(restored)).toMatchObject({ archived: false, name: "Restored", parentId: dept.id });
  });

  it("refuses an empty change and bad fields with 422", async () => {
    const { team } = await tree();
    const before = await teamSnapshot(world.org.id);
    const nothing = await patch(team.id, {});
    expect(nothing.status).toBe(422);
    expect(json(nothing).detail).toMatch(/Nothing to change/);
    const badArchived = await patch(team.id, { archived: "yes" });
    expect(json(badArchived).errors?.[0]?.field).toBe("archived");
    const badName = await patch(team.id, { name: "" });
    expect(json(badName).errors?.[0]).toEqual({ field: "name", message: "Name the team" });
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("lets only admins change teams: 403 for a member, the team's lead and a viewer; 404 for another organisation", async () => {
    const before = await snapshots(world.org.id, rival.org.id);
    for (const token of [tokens.member, tokens.lead, tokens.viewer]) expect((await patch(world.team.id, { name: "Taken over" }, token)).status).toBe(403);
    expect((await patch(world.team.id, { name: "Taken over" }, tokens.rivalAdmin)).status).toBe(404);
    expect((await patch(rival.team.id, { parentId: world.team.id }, tokens.admin)).status).toBe(404);
    expect((await patch(world.team.id, { parentId: rival.team.id }, tokens.admin)).status).toBe(404);
    expect(await snapshots(world.org.id, rival.org.id)).toEqual(before);
  });
});

describe("team members API", () => {
  const add = (teamId: string, body: unknown, token = tokens.admin) => callApi(postMember, { method: "POST", path: "/x", token, params: { id: teamId }, body });
  const setRole = (teamId: string, userId: string, body: unknown, token = tokens.admin) => callApi(patchMember, { method: "PATCH", path: "/x", token, params: { id: teamId, userId }, body });
  const remove = (teamId: string, userId: string, token = tokens.admin) => callApi(deleteMember, { method: "DELETE", path: "/x", token, params: { id: teamId, userId } });

  it("lists a team's members with their roles, page by page", async () => {
    const first = await callApi(listMembers, { path: "/x?limit=1", token: tokens.viewer, params: { id: world.team.id } });
    expect(first.status).toBe(200);
    const page = first.json as { data: { userId: string; role: string }[]; nextCursor: string };
    expect(page.data).toHaveLength(1);
    const rest = await callApi(listMembers, { path: `/x?limit=10&cursor=${page.nextCursor}`, token: tokens.viewer, params: { id: world.team.id } });
    const all = [...page.data, ...(rest.json as { data: { userId: string; role: string }[] }).data];
    expect(all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: world.lead.id, role: "lead", name: world.lead.name, email: world.lead.email }),
        expect.objectContaining({ userId: world.member.id, role: "member" }),
      ]),
    );
  });

  it("answers 404 for another organisation's team rather than an empty list", async () => {
    expect((await callApi(listMembers, { path: "/x", token: tokens.rivalAdmin, params: { id: world.team.id } })).status).toBe(404);
  });

  it("lets an admin add a person, make them lead and remove them, with a history entry for each", async () => {
    const team = await createTeam(db, world.org.id);
    const person = await createMember(db, world.org.id, "member");
    const added = await add(team.id, { userId: person.id });
    expect(added.status).toBe(201);
    expect(json(added)).toMatchObject({ userId: person.id, name: person.name, role: "member" });
    const promoted = await setRole(team.id, person.id, { role: "lead" });
    expect(json(promoted)).toMatchObject({ role: "lead" });
    expect((await db.teamMembership.findFirstOrThrow({ where: { organizationId: world.org.id, teamId: team.id, userId: person.id } })).role).toBe("lead");
    const removed = await remove(team.id, person.id);
    expect(removed.status).toBe(204);
    expect(await db.teamMembership.count({ where: { organizationId: world.org.id, teamId: team.id } })).toBe(0);
    const actions = await db.auditEvent.findMany({ where: { organizationId: world.org.id, entityId: team.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(actions).toEqual([
      { action: "team.member_added", actorId: world.admin.id },
      { action: "team.member_role_changed", actorId: world.admin.id },
      { action: "team.member_removed", actorId: world.admin.id },
    ]);
  });

  it("lets a lead manage their team and the teams beneath it, but not another team", async () => {
    const sub = await createTeam(db, world.org.id, { parentId: world.team.id });
    const elsewhere = await createTeam(db, world.org.id);
    const person = await createMember(db, world.org.id, "member");
    expect((await add(world.team.id, { userId: person.id, role: "member" }, tokens.lead)).status).toBe(201);
    expect((await add(sub.id, { userId: person.id, role: "lead" }, tokens.lead)).status).toBe(201);
    expect((await setRole(sub.id, person.id, { role: "member" }, tokens.lead)).status).toBe(200);
    expect((await remove(world.team.id, person.id, tokens.lead)).status).toBe(204);

    const before = await teamSnapshot(world.org.id);
    const refused = await add(elsewhere.id, { userId: person.id }, tokens.lead);
    expect(refused.status).toBe(403);
    expect(json(refused).detail).toBe("Only admins and the team's leads can change its members");
    expect((await add(world.team.id, { userId: person.id }, tokens.member)).status).toBe(403);
    expect((await add(world.team.id, { userId: person.id }, tokens.viewer)).status).toBe(403);
    expect((await setRole(world.team.id, world.member.id, { role: "lead" }, tokens.member)).status).toBe(403);
    expect((await remove(world.team.id, world.lead.id, tokens.member)).status).toBe(403);
    expect((await remove(world.team.id, world.member.id, tokens.viewer)).status).toBe(403);
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("refuses a person from another organisation (404 naming userId), a second membership (409) and a bad role (422)", async () => {
    const team = await createTeam(db, world.org.id);
    await addTeamMember(db, world.org.id, team.id, world.member.id);
    const before = await snapshots(world.org.id, rival.org.id);
    const outsider = await add(team.id, { userId: rival.member.id });
    expect(outsider.status).toBe(404);
    expect(json(outsider).errors).toEqual([{ field: "userId", message: "That person is not a member of this organisation" }]);
    const twice = await add(team.id, { userId: world.member.id });
    expect(twice.status).toBe(409);
    expect(json(twice).detail).toBe(`${world.member.name} is already in ${team.name}`);
    const badRole = await add(team.id, { userId: world.viewer.id, role: "boss" });
    expect(badRole.status).toBe(422);
    expect(json(badRole).errors?.[0]?.field).toBe("role");
    const noUser = await add(team.id, { userId: "ben" });
    expect(json(noUser).errors?.[0]).toEqual({ field: "userId", message: "Choose a person" });
    const roleOfStranger = await setRole(team.id, world.viewer.id, { role: "lead" });
    expect(roleOfStranger.status).toBe(404);
    expect((await remove(team.id, world.viewer.id)).status).toBe(404);
    expect(await snapshots(world.org.id, rival.org.id)).toEqual(before);
  });

  it("keeps an archived team's members as they were (409)", async () => {
    const team = await db.team.create({ data: { organizationId: world.org.id, name: `Archived ${unique()}`, archivedAt: new Date() } });
    await addTeamMember(db, world.org.id, team.id, world.member.id);
    const before = await teamSnapshot(world.org.id);
    const res = await add(team.id, { userId: world.viewer.id });
    expect(res.status).toBe(409);
    expect(json(res).detail).toBe(`${team.name} is archived; unarchive it to change its members`);
    expect((await remove(team.id, world.member.id)).status).toBe(409);
    expect(await teamSnapshot(world.org.id)).toEqual(before);
  });

  it("answers 404 to another organisation's admin on every member route and writes nothing", async () => {
    const before = await snapshots(world.org.id, rival.org.id);
    expect((await add(world.team.id, { userId: rival.member.id }, tokens.rivalAdmin)).status).toBe(404);
    expect((await add(world.team.id, { userId: world.viewer.id }, tokens.rivalAdmin)).status).toBe(404);
    expect((await setRole(world.team.id, world.member.id, { role: "lead" }, tokens.rivalAdmin)).status).toBe(404);
    expect((await remove(world.team.id, world.member.id, tokens.rivalAdmin)).status).toBe(404);
    expect((await add(rival.team.id, { userId: world.member.id }, tokens.admin)).status).toBe(404);
    expect(await snapshots(world.org.id, rival.org.id)).toEqual(before);
  });

  it("answers 404 for malformed ids in the path", async () => {
    expect((await setRole(world.team.id, "ben", { role: "lead" })).status).toBe(404);
    expect((await remove("platform", world.member.id)).status).toBe(404);
  });
});
