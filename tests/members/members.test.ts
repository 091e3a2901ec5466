import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listMembersRoute } from "@/app/api/v1/members/route";
import { GET as getMemberRoute } from "@/app/api/v1/members/[userId]/route";
import { changeRoleAction, removeMemberAction } from "@/app/(app)/members/actions";
import { createApiTokenAction } from "@/app/(app)/settings/tokens/actions";
import { resolveActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { changeRole, removeMember } from "@/lib/members/mutations";
import { addMember, addTeamMember, createApiToken, createMember, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function roleOf(orgId: string, userId: string) {
  return (await db.membership.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId } } }))?.role ?? null;
}

async function actorOf(userId: string) {
  const actor = await resolveActor(userId, { via: "session" });
  if (!actor) throw new Error("not a member");
  return actor;
}

interface MemberJson {
  userId: string;
  name: string;
  email: string;
  role: string;
  joinedAt: string;
}

describe("members API", () => {
  let world: World;
  let other: World;
  let memberToken: string;
  let otherToken: string;

  beforeAll(async () => {
    [world, other] = await Promise.all([createWorld(), createWorld()]);
    memberToken = (await createApiToken(db, world.org.id, world.member.id)).secret;
    otherToken = (await createApiToken(db, other.org.id, other.admin.id)).secret;
  });

  it("lists the organisation's people with their role and joining date, in exactly the documented shape", async () => {
    const res = await callApi(listMembersRoute, { path: "/api/v1/members", token: memberToken });
    expect(res.status).toBe(200);
    const body = res.json as { data: MemberJson[]; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    expect(body.data.map((m) => m.userId).sort()).toEqual([world.owner, world.admin, world.lead, world.member, world.viewer].map((u) => u.id).sort());
    const owner = body.data.find((m) => m.userId === world.owner.id)!;
    expect(Object.keys(owner).sort()).toEqual(["email", "joinedAt", "name", "role", "userId"]);
    expect(owner).toMatchObject({ name: world.owner.name, email: world.owner.email, role: "owner" });
    expect(new Date(owner.joinedAt).toISOString()).toBe(owner.joinedAt);
  });

  it("searches names and emails without regard to case, and takes % and _ literally", async () => {
    const tag = randomUUID().slice(0, 6);
    const grace = await createMember(db, world.org.id, "member", { name: `Grace Hopper ${tag}`, email: `admiral-${tag}@navy.example` });
    const byName = await callApi(listMembersRoute, { path: `/api/v1/members?q=${encodeURIComponent(`hOPPER ${tag}`)}`, token: memberToken });
    expect((byName.json as { data: MemberJson[] }).data.map((m) => m.userId)).toEqual([grace.id]);
    const byEmail = await callApi(listMembersRoute, { path: `/api/v1/members?q=ADMIRAL-${tag}`, token: memberToken });
    expect((byEmail.json as { data: MemberJson[] }).data.map((m) => m.userId)).toEqual([grace.id]);
    const wildcard = await callApi(listMembersRoute, { path: "/api/v1/members?q=%25", token: memberToken });
    expect((wildcard.json as { data: MemberJson[] }).data).toEqual([]);
  });

  it("filters by role", async () => {
    const res = await callApi(listMembersRoute, { path: "/api/v1/members?role=viewer", token: memberToken });
    expect((res.json as { data: MemberJson[] }).data.map((m) => m.userId)).toEqual([world.viewer.id]);
  });

  it("pages through everyone with the cursor, each person once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await callApi(listMembersRoute, { path: `/api/v1/members?limit=2${cursor ? `&cursor=${cursor}` : ""}`, token: memberToken });
      expect(res.status).toBe(200);
      const body = res.json as { data: MemberJson[]; nextCursor: string | null };
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((m) => m.userId));
      cursor = body.nextCursor;
    } while (cursor);
    const total = await db.membership.count({ where: { organizationId: world.org.id } });
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("refuses malformed queries with 400, naming the parameter", async () => {
    const cases: [string, string][] = [
      ["limit=abc", "limit"],
      ["limit=0", "limit"],
      ["role=boss", "role"],
      [`q=${"x".repeat(101)}`, "q"],
      ["cursor=page-2", "cursor"],
    ];
    for (const [query, field] of cases) {
      const res = await callApi(listMembersRoute, { path: `/api/v1/members?${query}`, token: memberToken });
      expect(res.status, query).toBe(400);
      expect(res.contentType).toContain("application/problem+json");
      expect((res.json as { errors: { field: string }[] }).errors[0]!.field, query).toBe(field);
    }
  });

  it("shows one member with their teams", async () => {
    const res = await callApi(getMemberRoute, { path: "/x", token: memberToken, params: { userId: world.lead.id } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ userId: world.lead.id, role: "member", teams: [{ id: world.team.id, name: world.team.name, role: "lead" }] });
  });

  it("keeps each organisation's people to itself", async () => {
    const list = await callApi(listMembersRoute, { path: "/api/v1/members", token: otherToken });
    const ids = (list.json as { data: MemberJson[] }).data.map((m) => m.userId);
    expect(ids).toContain(other.owner.id);
    expect(ids).not.toContain(world.owner.id);
    const found = await callApi(getMemberRoute, { path: "/x", token: otherToken, params: { userId: world.owner.id } });
    expect(found.status).toBe(404);
    expect((await callApi(getMemberRoute, { path: "/x", token: memberToken, params: { userId: "not-a-uuid" } })).status).toBe(404);
  });

  it("answers 401 without a token or with a revoked one", async () => {
    expect((await callApi(listMembersRoute, { path: "/api/v1/members" })).status).toBe(401);
    const { secret, token } = await createApiToken(db, world.org.id, world.viewer.id);
    await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect((await callApi(listMembersRoute, { path: "/api/v1/members", token: secret })).status).toBe(401);
  });
});

describe("changing roles", () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });

  it("lets an admin change a member's role, with the history", async () => {
    signInAs(world.admin.id);
    const state = await changeRoleAction(undefined, form({ userId: world.member.id, role: "viewer" }));
    expect(state).toMatchObject({ status: "success", message: `${world.member.name} is now viewer` });
    expect(await roleOf(world.org.id, world.member.id)).toBe("viewer");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: world.org.id, action: "member.role_changed", entityId: world.member.id } });
    expect(audit).toMatchObject({ actorId: world.admin.id, before: { role: "member" }, after: { role: "viewer" } });
  });

  it("refuses members and viewers, and writes nothing", async () => {
    for (const who of [world.member, world.viewer, world.lead]) {
      signInAs(who.id);
      const state = await changeRoleAction(undefined, form({ userId: world.viewer.id, role: "admin" }));
      expect(state).toMatchObject({ status: "error", code: "forbidden" });
    }
    expect(await roleOf(world.org.id, world.viewer.id)).toBe("viewer");
    expect(await db.auditEvent.count({ where: { organizationId: world.org.id, action: "member.role_changed" } })).toBe(0);
  });

  it("keeps making owners, and changing owners, to owners", async () => {
    signInAs(world.admin.id);
    const promote = await changeRoleAction(undefined, form({ userId: world.member.id, role: "owner" }));
    expect(promote).toMatchObject({ status: "error", code: "forbidden", message: "Only owners can make someone an owner" });
    const demote = await changeRoleAction(undefined, form({ userId: world.owner.id, role: "member" }));
    expect(demote).toMatchObject({ status: "error", code: "forbidden", message: "Only owners can change an owner's role" });
    expect(await roleOf(world.org.id, world.member.id)).toBe("member");
    expect(await roleOf(world.org.id, world.owner.id)).toBe("owner");

    signInAs(world.owner.id);
    expect(await changeRoleAction(undefined, form({ userId: world.admin.id, role: "owner" }))).toMatchObject({ status: "success" });
    expect(await roleOf(world.org.id, world.admin.id)).toBe("owner");
  });

  it("never demotes the last owner", async () => {
    signInAs(world.owner.id);
    const state = await changeRoleAction(undefined, form({ userId: world.owner.id, role: "admin" }));
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.code).toBe("conflict");
    expect(state.message).toMatch(/only owner .* make someone else an owner first/);
    expect(await roleOf(world.org.id, world.owner.id)).toBe("owner");
  });

  it("keeps one owner when two owners demote each other at the same moment", async () => {
    await db.membership.update({ where: { organizationId_userId: { organizationId: world.org.id, userId: world.admin.id } }, data: { role: "owner" } });
    const [a, b] = await Promise.all([actorOf(world.owner.id), actorOf(world.admin.id)]);
    const results = await Promise.allSettled([changeRole(a, world.admin.id, "member"), changeRole(b, world.owner.id, "member")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await db.membership.count({ where: { organizationId: world.org.id, role: "owner" } })).toBe(1);
  });

  it("names the field for bad input", async () => {
    signInAs(world.admin.id);
    const badRole = await changeRoleAction(undefined, form({ userId: world.member.id, role: "boss" }));
    expect(badRole).toMatchObject({ status: "error", code: "validation", fieldErrors: { role: [expect.stringMatching(/Choose a role/)] } });
    const noUser = await changeRoleAction(undefined, form({ role: "viewer" }));
    expect(noUser).toMatchObject({ status: "error", code: "validation", fieldErrors: { userId: [expect.any(String)] } });
    const wrongType = await changeRoleAction(undefined, { userId: world.member.id, role: 3 } as never);
    expect(wrongType).toMatchObject({ status: "error", code: "validation", fieldErrors: { role: [expect.any(String)] } });
    expect(await roleOf(world.org.id, world.member.id)).toBe("member");
  });

  it("answers 404 for another organisation's member and changes nothing", async () => {
    const other = await createWorld();
    signInAs(other.owner.id);
    const state = await changeRoleAction(undefined, form({ userId: world.member.id, role: "admin" }));
    expect(state).toMatchObject({ status: "error", code: "not_found" });
    expect(await roleOf(world.org.id, world.member.id)).toBe("member");
    expect(await db.auditEvent.count({ where: { organizationId: { in: [world.org.id, other.org.id] }, action: "member.role_changed" } })).toBe(0);
  });
});

describe("removing people", () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });

  it("ends the membership, team memberships and API tokens in one go, and the person loses access at once", async () => {
    const elsewhere = await createTeam(db, world.org.id);
    await addTeamMember(db, world.org.id, elsewhere.id, world.member.id, "lead");
    const { secret } = await createApiToken(db, world.org.id, world.member.id);
    // A membership of another organisation is not touched.
    const other = await createWorld();
    await addMember(db, other.org.id, world.member.id, "member");
    await addTeamMember(db, other.org.id, other.team.id, world.member.id);
    const { secret: otherSecret } = await createApiToken(db, other.org.id, world.member.id);
    expect((await callApi(listMembersRoute, { path: "/api/v1/members", token: secret })).status).toBe(200);

    signInAs(world.admin.id);
    const state = await removeMemberAction(undefined, form({ userId: world.member.id }));
    expect(state).toMatchObject({ status: "success", message: `${world.member.name} was removed` });

    expect(await roleOf(world.org.id, world.member.id)).toBeNull();
    expect(await db.teamMembership.count({ where: { organizationId: world.org.id, userId: world.member.id } })).toBe(0);
    expect(await db.apiToken.count({ where: { organizationId: world.org.id, userId: world.member.id, revokedAt: null } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: world.org.id, action: "member.removed", entityId: world.member.id } });
    expect(audit).toMatchObject({ actorId: world.admin.id, before: { role: "member" }, after: { teamMembershipsEnded: 2, apiTokensRevoked: 1 } });

    expect((await callApi(listMembersRoute, { path: "/api/v1/members", token: secret })).status).toBe(401);
    // Every session they had ends at once, even one that was acting in another organisation.
    signInAs(world.member.id, 0);
    expect(await createApiTokenAction(undefined, form({ name: "old session" }))).toMatchObject({ status: "error", code: "unauthenticated" });
    // Signed in again, they land in the organisation they still belong to, never the one they left.
    signInAs(world.member.id, 1);
    const after = await createApiTokenAction(undefined, form({ name: "after removal" }));
    expect(after.status).toBe("success");
    expect(await db.apiToken.count({ where: { organizationId: world.org.id, userId: world.member.id, name: "after removal" } })).toBe(0);
    expect(await roleOf(other.org.id, world.member.id)).toBe("member");
    expect(await db.teamMembership.count({ where: { organizationId: other.org.id, userId: world.member.id } })).toBe(1);
    expect((await callApi(listMembersRoute, { path: "/api/v1/members", token: otherSecret })).status).toBe(200);
  });

  it("refuses a removed person's session when they belong nowhere else", async () => {
    signInAs(world.admin.id);
    expect(await removeMemberAction(undefined, form({ userId: world.viewer.id }))).toMatchObject({ status: "success" });
    signInAs(world.viewer.id, 0);
    expect(await createApiTokenAction(undefined, form({ name: "sneaky" }))).toMatchObject({ status: "error", code: "unauthenticated" });
    // Even signed in again, a person who belongs nowhere has no organisation to act in.
    signInAs(world.viewer.id, 1);
    const state = await createApiTokenAction(undefined, form({ name: "sneaky" }));
    expect(state).toMatchObject({ status: "error", code: "forbidden", message: "You are no longer a member of this organisation" });
    expect(await db.apiToken.count({ where: { userId: world.viewer.id } })).toBe(0);
  });

  it("refuses members and viewers", async () => {
    for (const who of [world.member, world.viewer]) {
      signInAs(who.id);
      expect(await removeMemberAction(undefined, form({ userId: world.lead.id }))).toMatchObject({ status: "error", code: "forbidden" });
    }
    expect(await roleOf(world.org.id, world.lead.id)).toBe("member");
  });

  it("keeps owners safe from admins, and never removes the last owner", async () => {
    signInAs(world.admin.id);
    expect(await removeMemberAction(undefined, form({ userId: world.owner.id }))).toMatchObject({ status: "error", code: "forbidden", message: "Only owners can remove an owner" });
    signInAs(world.owner.id);
    const last = await removeMemberAction(undefined, form({ userId: world.owner.id }));
    expect(last).toMatchObject({ status: "error", code: "conflict" });
    expect(await roleOf(world.org.id, world.owner.id)).toBe("owner");
    expect(await db.auditEvent.count({ where: { organizationId: world.org.id, action: "member.removed" } })).toBe(0);
  });

  it("lets an owner remove another owner while one remains", async () => {
    const second = await createMember(db, world.org.id, "owner");
    signInAs(world.owner.id);
    expect(await removeMemberAction(undefined, form({ userId: second.id }))).toMatchObject({ status: "success" });
    expect(await roleOf(world.org.id, second.id)).toBeNull();
  });

  it("keeps one owner when two owners remove each other at the same moment", async () => {
    const second = await createMember(db, world.org.id, "owner");
    const [a, b] = await Promise.all([actorOf(world.owner.id), actorOf(second.id)]);
    const results = await Promise.allSettled([removeMember(a, second.id), removeMember(b, world.owner.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { organizationId: world.org.id, role: "owner" } })).toBe(1);
  });

  it("answers 404 for someone of another organisation and removes nothing", async () => {
    const other = await createWorld();
    signInAs(other.owner.id);
    expect(await removeMemberAction(undefined, form({ userId: world.member.id }))).toMatchObject({ status: "error", code: "not_found" });
    expect(await roleOf(world.org.id, world.member.id)).toBe("member");
    expect(await db.teamMembership.count({ where: { organizationId: world.org.id, userId: world.member.id } })).toBe(1);
  });

  it("names the field for bad input", async () => {
    signInAs(world.admin.id);
    expect(await removeMemberAction(undefined, form({ userId: "someone" }))).toMatchObject({ status: "error", code: "validation", fieldErrors: { userId: ["Choose a member"] } });
  });
});
