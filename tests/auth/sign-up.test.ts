import { beforeEach, describe, expect, it } from "vitest";
import { signUpAction, signUpForInvitationAction } from "@/app/(auth)/signup/actions";
import { db } from "@/lib/db/prisma";
import { randomUUID } from "node:crypto";
import { createInvitation } from "@/lib/invitations/mutations";
import { resolveActor } from "@/lib/auth/actor";
import { signInAs } from "../helpers/session-state";
import { createWorld } from "../helpers/world";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const good = () => ({ name: "Ada Lovelace", email: `ada-${randomUUID().slice(0, 8)}@example.test`, password: "analytical-engine-1843", organizationName: "Engines Ltd" });

describe("sign-up", () => {
  beforeEach(() => signInAs(null));

  it("creates the person, a new organisation with them as owner, and the history", async () => {
    const input = good();
    const state = await signUpAction(undefined, form({ ...input, email: input.email.toUpperCase() }));
    expect(state.status).toBe("success");
    const user = await db.user.findUniqueOrThrow({ where: { email: input.email }, include: { memberships: { include: { organization: true } } } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]!.role).toBe("owner");
    expect(user.memberships[0]!.organization.name).toBe("Engines Ltd");
    const events = await db.auditEvent.findMany({ where: { organizationId: user.memberships[0]!.organizationId } });
    expect(events.map((e) => e.action).sort()).toEqual(["member.joined", "organization.created"]);
  });

  it("refuses a taken email, whatever its case, and changes nothing", async () => {
    const input = good();
    await signUpAction(undefined, form(input));
    const before = await db.organization.count();
    const state = await signUpAction(undefined, form({ ...input, email: input.email.toUpperCase(), organizationName: "Second Org" }));
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.code).toBe("conflict");
    expect(state.fieldErrors.email?.[0]).toMatch(/already exists/);
    expect(await db.organization.count()).toBe(before);
  });

  it("refuses weak passwords and malformed emails with a message on the field", async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ password: "short1" }, "password", /at least 10/],
      [{ password: "abcdefghijkl" }, "password", /numbers or symbols/],
      [{ password: "password123" }, "password", /too common/],
      [{ email: "not-an-email" }, "email", /valid email/],
      [{ email: "" }, "email", /Enter your email/],
      [{ organizationName: "x".repeat(121) }, "organizationName", /at most 120/],
      [{ organizationName: "" }, "organizationName", /Enter your organisation's name/],
    ];
    for (const [override, field, message] of cases) {
      const input = { ...good(), ...override };
      const state = await signUpAction(undefined, form(input));
      expect(state.status, JSON.stringify(override)).toBe("error");
      if (state.status !== "error") continue;
      expect(state.code).toBe("validation");
      expect(state.fieldErrors[field]?.[0]).toMatch(message);
      expect(state.values.password).toBeUndefined();
      if (input.email) expect(await db.user.findUnique({ where: { email: input.email.toLowerCase() } })).toBeNull();
    }
  });
});

describe("sign-up through an invitation link", () => {
  beforeEach(() => signInAs(null));

  async function invitation(options: { email?: string } = {}) {
    const world = await createWorld();
    const owner = await resolveActor(world.owner.id);
    const created = await createInvitation(owner!, { role: "member", email: options.email });
    return { world, id: created.id, secret: created.path.replace("/invite/", "") };
  }

  const person = () => ({ name: "Ivy Invited", email: `ivy-${randomUUID().slice(0, 8)}@example.test`, password: "joining-the-crew-7" });

  it("creates the account without an organisation, leaving the invitation to accept", async () => {
    const { world, id, secret } = await invitation();
    const organizations = await db.organization.count();
    const input = person();
    const state = await signUpForInvitationAction(undefined, form({ ...input, invitation: secret }));
    expect(state).toMatchObject({ status: "success", data: { email: input.email } });
    const user = await db.user.findUniqueOrThrow({ where: { email: input.email }, include: { memberships: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.memberships).toHaveLength(0);
    expect(await db.organization.count()).toBe(organizations);
    expect((await db.invitation.findFirstOrThrow({ where: { id, organizationId: world.org.id } })).acceptedAt).toBeNull();
  });

  it("does not ask for an organisation name, and still checks everything else", async () => {
    const { secret } = await invitation();
    const state = await signUpForInvitationAction(undefined, form({ ...person(), password: "short1", invitation: secret }));
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(Object.keys(state.fieldErrors)).toEqual(["password"]);
  });

  it("refuses a link that is not usable any more, creating no account", async () => {
    const { id, secret } = await invitation();
    await db.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    const input = person();
    const revoked = await signUpForInvitationAction(undefined, form({ ...input, invitation: secret }));
    expect(revoked).toMatchObject({ status: "error", code: "conflict", message: "This invitation was revoked. Ask for a new link." });
    const unknown = await signUpForInvitationAction(undefined, form({ ...input, invitation: "keel_inv_nothing-here" }));
    expect(unknown).toMatchObject({ status: "error", code: "not_found" });
    const malformed = await signUpForInvitationAction(undefined, form({ ...input, invitation: "../admin" }));
    expect(malformed).toMatchObject({ status: "error", code: "validation", fieldErrors: { invitation: ["That invitation link is not valid"] } });
    expect(await db.user.findUnique({ where: { email: input.email } })).toBeNull();
  });

  it("keeps an invitation for one address to that address", async () => {
    const invitedEmail = `named-${randomUUID().slice(0, 8)}@example.test`;
    const { secret } = await invitation({ email: invitedEmail });
    const other = person();
    const state = await signUpForInvitationAction(undefined, form({ ...other, invitation: secret }));
    expect(state).toMatchObject({ status: "error", code: "validation", fieldErrors: { email: [`This invitation is for ${invitedEmail}; sign up with that address`] } });
    expect(await db.user.findUnique({ where: { email: other.email } })).toBeNull();
    const ok = await signUpForInvitationAction(undefined, form({ ...other, email: invitedEmail.toUpperCase(), invitation: secret }));
    expect(ok.status).toBe("success");
  });
});
