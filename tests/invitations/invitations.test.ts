import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInvitationAction, revokeInvitationAction } from "@/app/(app)/members/actions";
import { acceptInvitationAction } from "@/app/invite/[token]/actions";
import { resolveActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { acceptInvitation } from "@/lib/invitations/mutations";
import { describeInvitation, listPendingInvitations } from "@/lib/invitations/queries";
import { sha256 } from "@/lib/tokens";
import { createMember, createUser } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

type Created = { id: string; path: string; role: string; email: string | null; expiresAt: string };

/** Creates an invitation through the page's action, as the given admin or owner; returns its id and secret. */
async function invite(byUserId: string, fields: Record<string, string> = { role: "member" }) {
  signInAs(byUserId);
  const state = await createInvitationAction(undefined, form(fields));
  if (state.status !== "success") throw new Error(`invitation refused: ${JSON.stringify(state)}`);
  const data = state.data as Created;
  return { id: data.id, secret: data.path.replace("/invite/", ""), data };
}

async function invitationCount(orgId: string) {
  return db.invitation.count({ where: { organizationId: orgId } });
}

async function membershipOf(orgId: string, userId: string) {
  return db.membership.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId } } });
}

let world: World;
let other: World;

beforeAll(async () => {
  [world, other] = await Promise.all([createWorld(), createWorld()]);
});

describe("creating invitations", () => {
  it("gives an admin a link to show once, storing only the secret's hash", async () => {
    const before = Date.now();
    const { id, secret, data } = await invite(world.admin.id, { role: "viewer", email: "New.Person@Example.TEST" });
    expect(data.path).toMatch(/^\/invite\/keel_inv_[A-Za-z0-9_-]{40,}$/);
    const row = await db.invitation.findFirstOrThrow({ where: { id, organizationId: world.org.id } });
    expect(row).toMatchObject({ role: "viewer", email: "new.person@example.test", invitedById: world.admin.id, acceptedAt: null, revokedAt: null });
    expect(row.tokenHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const sevenDays = 7 * 24 * 60 * 60 * 1000;
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + sevenDays - 1000);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + sevenDays);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: world.org.id, action: "invitation.created", entityId: id } });
    expect(audit.actorId).toBe(world.admin.id);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("lets only owners invite owners", async () => {
    const before = await invitationCount(world.org.id);
    signInAs(world.admin.id);
    const refused = await createInvitationAction(undefined, form({ role: "owner" }));
    expect(refused).toMatchObject({ status: "error", code: "forbidden", message: "Only owners can invite owners" });
    expect(await invitationCount(world.org.id)).toBe(before);
    const { id } = await invite(world.owner.id, { role: "owner" });
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).role).toBe("owner");
  });

  it("refuses members and viewers, writing nothing", async () => {
    const before = await invitationCount(world.org.id);
    for (const who of [world.member, world.viewer, world.lead]) {
      signInAs(who.id);
      expect(await createInvitationAction(undefined, form({ role: "member" }))).toMatchObject({ status: "error", code: "forbidden" });
    }
    signInAs(null);
    expect(await createInvitationAction(undefined, form({ role: "member" }))).toMatchObject({ status: "error", code: "unauthenticated" });
    expect(await invitationCount(world.org.id)).toBe(before);
  });

  it("names the field for bad input", async () => {
    const before = await invitationCount(world.org.id);
    signInAs(world.admin.id);
    const cases: [FormData | Record<string, unknown>, string, RegExp][] = [
      [form({}), "role", /Choose a role/],
      [form({ role: "boss" }), "role", /Choose a role/],
      [{ role: 7 }, "role", /Choose a role/],
      [form({ role: "member", email: "not-an-email" }), "email", /valid email/],
      [form({ role: "member", email: `${"a".repeat(250)}@example.test` }), "email", /at most 254/],
      [{ role: "member", email: 42 }, "email", /Enter an email address/],
    ];
    for (const [input, field, message] of cases) {
      const state = await createInvitationAction(undefined, input as FormData);
      expect(state.status, JSON.stringify(input)).toBe("error");
      if (state.status !== "error") continue;
      expect(state.code).toBe("validation");
      expect(state.fieldErrors[field]?.[0]).toMatch(message);
    }
    expect(await invitationCount(world.org.id)).toBe(before);
  });

  it("says when the invited address already belongs to a member", async () => {
    const before = await invitationCount(world.org.id);
    signInAs(world.admin.id);
    const state = await createInvitationAction(undefined, form({ role: "member", email: world.member.email.toUpperCase() }));
    expect(state).toMatchObject({ status: "error", code: "conflict", fieldErrors: { email: [`${world.member.email} is already a member`] } });
    expect(await invitationCount(world.org.id)).toBe(before);
  });
});

describe("pending invitations", () => {
  it("lists those still waiting, not used, revoked, expired or another organisation's", async () => {
    const waiting = await invite(world.admin.id, { role: "member", email: "waiting@example.test" });
    const revoked = await invite(world.admin.id);
    const used = await invite(world.admin.id);
    const expired = await invite(world.admin.id);
    const theirs = await invite(other.admin.id);
    await db.invitation.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    await db.invitation.update({ where: { id: used.id }, data: { acceptedAt: new Date() } });
    await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { invitations } = await listPendingInvitations(world.org.id);
    const ids = invitations.map((i) => i.id);
    expect(ids).toContain(waiting.id);
    for (const gone of [revoked, used, expired, theirs]) expect(ids).not.toContain(gone.id);
    expect(invitations.find((i) => i.id === waiting.id)).toMatchObject({ email: "waiting@example.test", role: "member", invitedBy: { name: world.admin.name } });
  });
});

describe("revoking invitations", () => {
  it("stops the link at once, with the history, and only once", async () => {
    const { id, secret } = await invite(world.admin.id);
    signInAs(world.owner.id);
    expect(await revokeInvitationAction(undefined, form({ invitationId: id }))).toMatchObject({ status: "success", message: "The invitation was revoked" });
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
    expect((await describeInvitation(secret))?.status).toBe("revoked");
    expect(await db.auditEvent.count({ where: { organizationId: world.org.id, action: "invitation.revoked", entityId: id } })).toBe(1);
    expect(await revokeInvitationAction(undefined, form({ invitationId: id }))).toMatchObject({ status: "error", code: "conflict", message: "That invitation was already revoked" });
  });

  it("cannot take back an invitation that was accepted", async () => {
    const { id, secret } = await invite(world.admin.id);
    const joiner = await createUser(db);
    await acceptInvitation(joiner.id, secret);
    signInAs(world.admin.id);
    expect(await revokeInvitationAction(undefined, form({ invitationId: id }))).toMatchObject({ status: "error", code: "conflict", message: "That invitation has already been accepted" });
    expect(await membershipOf(world.org.id, joiner.id)).not.toBeNull();
  });

  it("refuses members, and answers 404 for another organisation's invitation, changing nothing", async () => {
    const { id } = await invite(world.admin.id);
    signInAs(world.member.id);
    expect(await revokeInvitationAction(undefined, form({ invitationId: id }))).toMatchObject({ status: "error", code: "forbidden" });
    signInAs(other.owner.id);
    expect(await revokeInvitationAction(undefined, form({ invitationId: id }))).toMatchObject({ status: "error", code: "not_found" });
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "invitation.revoked", entityId: id } })).toBe(0);
    signInAs(world.admin.id);
    expect(await revokeInvitationAction(undefined, form({ invitationId: "nope" }))).toMatchObject({ status: "error", code: "validation", fieldErrors: { invitationId: ["Choose an invitation"] } });
  });
});

describe("describing an invitation", () => {
  it("tells the organisation, role and inviter, and whether the link still works", async () => {
    const { id, secret } = await invite(world.owner.id, { role: "admin" });
    expect(await describeInvitation(secret)).toMatchObject({ organizationName: world.org.name, role: "admin", inviterName: world.owner.name, email: null, status: "valid" });
    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await describeInvitation(secret))?.status).toBe("expired");
    await db.invitation.update({ where: { id }, data: { acceptedAt: new Date() } });
    expect((await describeInvitation(secret))?.status).toBe("used");
    expect(await describeInvitation("keel_inv_unknown")).toBeNull();
    expect(await describeInvitation("<script>")).toBeNull();
  });
});

describe("accepting invitations", () => {
  beforeEach(() => signInAs(null));

  it("makes the person a member with the invited role, in that organisation from now on", async () => {
    const { id, secret } = await invite(world.admin.id, { role: "viewer" });
    const joiner = await createMember(db, other.org.id, "member");
    signInAs(joiner.id);
    const state = await acceptInvitationAction(undefined, form({ secret }));
    expect(state).toMatchObject({ status: "success", message: `Welcome to ${world.org.name}`, data: { organizationId: world.org.id } });
    expect((await membershipOf(world.org.id, joiner.id))?.role).toBe("viewer");
    expect((await db.user.findUniqueOrThrow({ where: { id: joiner.id } })).lastOrganizationId).toBe(world.org.id);
    expect(await db.invitation.findUniqueOrThrow({ where: { id } })).toMatchObject({ acceptedById: joiner.id, acceptedAt: expect.any(Date) });
    expect(await db.auditEvent.findFirst({ where: { organizationId: world.org.id, action: "member.joined", entityId: joiner.id } })).toMatchObject({ actorId: joiner.id, after: { role: "viewer", invitationId: id } });
    expect((await resolveActor(joiner.id))?.orgId).toBe(world.org.id);
  });

  it("works once: a second person gets a clear refusal and no membership", async () => {
    const { secret } = await invite(world.admin.id);
    const [first, second] = await Promise.all([createUser(db), createUser(db)]);
    signInAs(first.id);
    expect((await acceptInvitationAction(undefined, form({ secret }))).status).toBe("success");
    signInAs(second.id);
    expect(await acceptInvitationAction(undefined, form({ secret }))).toMatchObject({ status: "error", code: "conflict", message: "This invitation has already been used. Ask for a new link." });
    expect(await membershipOf(world.org.id, second.id)).toBeNull();
  });

  it("lets exactly one of two racing acceptances through", async () => {
    const { id, secret } = await invite(world.admin.id);
    const people = await Promise.all([createUser(db), createUser(db)]);
    const results = await Promise.allSettled(people.map((p) => acceptInvitation(p.id, secret)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await db.membership.count({ where: { organizationId: world.org.id, userId: { in: people.map((p) => p.id) } } })).toBe(1);
    const winner = (await db.invitation.findUniqueOrThrow({ where: { id } })).acceptedById;
    expect(people.map((p) => p.id)).toContain(winner);

    const again = await invite(world.admin.id);
    const same = await createUser(db);
    const twice = await Promise.allSettled([acceptInvitation(same.id, again.secret), acceptInvitation(same.id, again.secret)]);
    expect(twice.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { organizationId: world.org.id, userId: same.id } })).toBe(1);
  });

  it("refuses expired and revoked links, saying which", async () => {
    const expired = await invite(world.admin.id);
    const revoked = await invite(world.admin.id);
    await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await db.invitation.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const joiner = await createUser(db);
    signInAs(joiner.id);
    expect(await acceptInvitationAction(undefined, form({ secret: expired.secret }))).toMatchObject({ status: "error", code: "conflict", message: "This invitation has expired. Ask for a new link." });
    expect(await acceptInvitationAction(undefined, form({ secret: revoked.secret }))).toMatchObject({ status: "error", code: "conflict", message: "This invitation was revoked. Ask for a new link." });
    expect(await db.membership.count({ where: { userId: joiner.id } })).toBe(0);
    expect(await db.invitation.count({ where: { id: { in: [expired.id, revoked.id] }, acceptedAt: { not: null } } })).toBe(0);
  });

  it("keeps an invitation for an email to that address, in any case", async () => {
    const { id, secret } = await invite(world.admin.id, { role: "member", email: `invited-${Date.now()}@example.test` });
    const invitedEmail = (await db.invitation.findUniqueOrThrow({ where: { id } })).email!;
    const stranger = await createUser(db);
    signInAs(stranger.id);
    const refused = await acceptInvitationAction(undefined, form({ secret }));
    expect(refused).toMatchObject({ status: "error", code: "forbidden", message: `This invitation is for ${invitedEmail}. Sign in with that address to accept it.` });
    expect(await membershipOf(world.org.id, stranger.id)).toBeNull();
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).acceptedAt).toBeNull();

    const invited = await createUser(db, { email: invitedEmail.toUpperCase() });
    signInAs(invited.id);
    expect((await acceptInvitationAction(undefined, form({ secret }))).status).toBe("success");
    expect((await membershipOf(world.org.id, invited.id))?.role).toBe("member");
  });

  it("tells a member they are one already, leaving the link unused", async () => {
    const { id, secret } = await invite(world.admin.id, { role: "admin" });
    signInAs(world.viewer.id);
    expect(await acceptInvitationAction(undefined, form({ secret }))).toMatchObject({ status: "error", code: "conflict", message: `You are already a member of ${world.org.name}` });
    expect((await membershipOf(world.org.id, world.viewer.id))?.role).toBe("viewer");
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).acceptedAt).toBeNull();
  });

  it("needs a signed-in person and a well-formed link", async () => {
    const { id, secret } = await invite(world.admin.id);
    signInAs(null);
    expect(await acceptInvitationAction(undefined, form({ secret }))).toMatchObject({ status: "error", code: "unauthenticated" });
    const joiner = await createUser(db);
    signInAs(joiner.id);
    expect(await acceptInvitationAction(undefined, form({}))).toMatchObject({ status: "error", code: "validation", fieldErrors: { secret: [expect.any(String)] } });
    expect(await acceptInvitationAction(undefined, form({ secret: "keel_inv_%%%" }))).toMatchObject({ status: "error", code: "validation", fieldErrors: { secret: ["That invitation link is not valid"] } });
    expect(await acceptInvitationAction(undefined, form({ secret: `keel_inv_${"x".repeat(43)}` }))).toMatchObject({ status: "error", code: "not_found" });
    expect(await db.membership.count({ where: { userId: joiner.id } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).acceptedAt).toBeNull();
  });
});
