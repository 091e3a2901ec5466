import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordResetAction } from "@/app/(auth)/forgot-password/actions";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";
import { changePasswordAction, signOutEverywhereAction } from "@/app/(app)/settings/profile/actions";
import { createApiTokenAction } from "@/app/(app)/settings/tokens/actions";
import { GET as listMembersRoute } from "@/app/api/v1/members/route";
import { resolveActor } from "@/lib/auth/actor";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { encodeSession } from "@/lib/auth/jwt";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { removeMember } from "@/lib/members/mutations";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld } from "../helpers/world";
import { latestAccountLink } from "./mail";

// The forgot-password action reads the client address from the request, which a test has none of.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}` }) }));

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
const PASSWORD = "first-password-2024";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** The session cookie next-auth would have set at sign-in, for a request from that browser. */
async function sessionCookie(uid: string, sv?: number): Promise<Record<string, string>> {
  const token = await encodeSession({ token: { uid, sub: uid, ...(sv === undefined ? {} : { sv }) }, secret: process.env.NEXTAUTH_SECRET! });
  return { cookie: `next-auth.session-token=${token}` };
}

async function membersStatus(headers: Record<string, string>): Promise<number> {
  return (await callApi(listMembersRoute, { path: "/api/v1/members", headers })).status;
}

beforeEach(async () => {
  world = await createWorld();
  await db.user.update({ where: { id: world.member.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  signInAs(null);
});

describe("ending sessions", () => {
  it("a password reset ends a session that was working, on its very next request", async () => {
    const browser = await sessionCookie(world.member.id, 0);
    expect(await membersStatus(browser)).toBe(200);

    expect(await requestPasswordResetAction(undefined, form({ email: world.member.email }))).toMatchObject({ status: "success" });
    const secret = await latestAccountLink(world.member.email, "reset-password");
    expect(await resetPasswordAction(undefined, form({ token: secret, password: "a-brand-new-secret-7" }))).toMatchObject({ status: "success" });

    expect(await membersStatus(browser)).toBe(401);
    signInAs(world.member.id, 0);
    expect(await createApiTokenAction(undefined, form({ name: "stale" }))).toMatchObject({ status: "error", code: "unauthenticated" });
    expect(await db.apiToken.count({ where: { userId: world.member.id, name: "stale" } })).toBe(0);
    // Signing in again with the new password gives a session that works.
    const signedIn = await authorizeCredentials({ email: world.member.email, password: "a-brand-new-secret-7" }, `ip-${randomUUID()}`);
    expect(signedIn).toMatchObject({ id: world.member.id, sessionVersion: 1 });
    expect(await membersStatus(await sessionCookie(world.member.id, 1))).toBe(200);
    const audit = await db.auditEvent.findFirst({ where: { organizationId: world.org.id, entityId: world.member.id, action: "user.password_reset" } });
    expect(audit).not.toBeNull();
  });

  it("signs out a cookie that carries no session version (issued before versions existed)", async () => {
    expect(await membersStatus(await sessionCookie(world.member.id))).toBe(401);
  });

  it("'sign out everywhere' ends every session of the person, and only theirs", async () => {
    const phone = await sessionCookie(world.member.id, 0);
    const colleague = await sessionCookie(world.admin.id, 0);
    signInAs(world.member.id, 0);
    expect(await signOutEverywhereAction(undefined, form({}))).toMatchObject({ status: "success" });
    expect(await membersStatus(phone)).toBe(401);
    expect(await membersStatus(colleague)).toBe(200);
    expect(await signOutEverywhereAction(undefined, form({}))).toMatchObject({ status: "error", code: "unauthenticated" });
    expect((await db.user.findUniqueOrThrow({ where: { id: world.member.id } })).sessionVersion).toBe(1);
  });

  it("changing the password needs the current one, and then ends every session", async () => {
    const laptop = await sessionCookie(world.member.id, 0);
    signInAs(world.member.id, 0);
    const wrong = await changePasswordAction(undefined, form({ currentPassword: "not-my-password-1", newPassword: "a-brand-new-secret-7" }));
    expect(wrong).toMatchObject({ status: "error", code: "validation", fieldErrors: { currentPassword: ["That is not your current password"] } });
    expect(await membersStatus(laptop)).toBe(200);
    expect(await authorizeCredentials({ email: world.member.email, password: PASSWORD }, `ip-${randomUUID()}`)).not.toBeNull();

    const right = await changePasswordAction(undefined, form({ currentPassword: PASSWORD, newPassword: "a-brand-new-secret-7" }));
    expect(right).toMatchObject({ status: "success", data: { email: world.member.email } });
    expect(await membersStatus(laptop)).toBe(401);
    expect(await authorizeCredentials({ email: world.member.email, password: PASSWORD }, `ip-${randomUUID()}`)).toBeNull();
    expect(await authorizeCredentials({ email: world.member.email, password: "a-brand-new-secret-7" }, `ip-${randomUUID()}`)).toMatchObject({ sessionVersion: 1 });
  });

  it("removal from an organisation ends the removed person's sessions", async () => {
    const browser = await sessionCookie(world.member.id, 0);
    expect(await membersStatus(browser)).toBe(200);
    await removeMember((await resolveActor(world.admin.id))!, world.member.id);
    expect(await membersStatus(browser)).toBe(401);
  });
});
