import { randomUUID } from "node:crypto";
import type { Profile } from "next-auth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { createInvitation } from "@/lib/invitations/mutations";
import { secretFromInvitationPath } from "@/lib/invitations/schemas";
import { resolveActor } from "@/lib/auth/actor";
import { signInAs } from "../helpers/session-state";
import { createWorld } from "../helpers/world";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const address = (domain = "example.test") => `new-${randomUUID().slice(0, 8)}@${domain}`;
const account = (email: string) => ({ name: "Nora New", email, password: "policy-abiding-42", organizationName: "Newco" });

/** The sign-up actions as a fresh server would load them, with KEEL_SIGNUP as given (env is read once per process). */
async function withPolicy(policy: string) {
  vi.stubEnv("KEEL_SIGNUP", policy);
  vi.resetModules();
  return import("@/app/(auth)/signup/actions");
}

beforeEach(() => signInAs(null));
afterEach(() => vi.unstubAllEnvs());

describe("sign-up policy (KEEL_SIGNUP)", () => {
  it("open lets anyone create an account and an organisation", async () => {
    const { signUpAction } = await withPolicy("open");
    const email = address();
    expect(await signUpAction(undefined, form(account(email)))).toMatchObject({ status: "success" });
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("invite-only refuses a new account without an invitation, and creates nothing", async () => {
    await createWorld();
    const { signUpAction } = await withPolicy("invite-only");
    const email = address();
    const organizations = await db.organization.count();
    const state = await signUpAction(undefined, form(account(email)));
    expect(state).toMatchObject({ status: "error", code: "forbidden", message: "New accounts on this Keel need an invitation. Ask a colleague for an invitation link." });
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.organization.count()).toBe(organizations);
  });

  it("invite-only still lets an invited person make their account", async () => {
    const world = await createWorld();
    const admin = (await resolveActor(world.admin.id))!;
    const email = address("elsewhere.test");
    const { path } = await createInvitation(admin, { role: "member", email });
    const secret = secretFromInvitationPath(path)!;
    const { signUpForInvitationAction } = await withPolicy("invite-only");
    expect(await signUpForInvitationAction(undefined, form({ name: "Ivy", email, password: "policy-abiding-42", invitation: secret }))).toMatchObject({ status: "success" });
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("a domains list admits those addresses only, with a message on the email field", async () => {
    await createWorld();
    const { signUpAction } = await withPolicy("domains:acme.test, @acme.example");
    expect(await signUpAction(undefined, form(account(address("acme.test"))))).toMatchObject({ status: "success" });
    expect(await signUpAction(undefined, form(account(address("acme.example"))))).toMatchObject({ status: "success" });
    const outsider = address("gmail.test");
    const state = await signUpAction(undefined, form(account(outsider)));
    expect(state).toMatchObject({ status: "error", code: "validation", fieldErrors: { email: ["Sign up with an address at acme.test or acme.example, or ask for an invitation"] } });
    expect(await db.user.count({ where: { email: outsider } })).toBe(0);
  });

  it("lets the first account of an empty instance in, whatever the policy", async () => {
    vi.stubEnv("KEEL_SIGNUP", "invite-only");
    vi.resetModules();
    const { assertSignUpAllowed } = await import("@/lib/auth/sign-up-policy");
    const { db: freshDb } = await import("@/lib/db/prisma");
    class Rollback extends Error {}
    // An empty instance, seen inside a transaction that is rolled back so the other tests' people stay.
    const outcome = freshDb.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("TRUNCATE users CASCADE");
      await assertSignUpAllowed(tx, address("anywhere.test"), { invited: false });
      await tx.user.create({ data: { email: address("anywhere.test"), name: "First" } });
      await expect(assertSignUpAllowed(tx, address("anywhere.test"), { invited: false })).rejects.toMatchObject({ code: "forbidden" });
      throw new Rollback();
    });
    await expect(outcome).rejects.toBeInstanceOf(Rollback);
    expect(await db.user.count()).toBeGreaterThan(0);
  });

  it("refuses a malformed policy at start-up with one clear line", async () => {
    vi.stubEnv("KEEL_SIGNUP", "domains:");
    vi.resetModules();
    const { env } = await import("@/lib/env");
    expect(() => env()).toThrow("Keel cannot start: KEEL_SIGNUP: KEEL_SIGNUP must be open, invite-only or domains:example.com,example.org");
  });

  it("applies to new accounts made by single sign-on too", async () => {
    await createWorld();
    vi.stubEnv("OIDC_ISSUER", "https://id.example.test");
    vi.stubEnv("OIDC_CLIENT_ID", "keel");
    vi.stubEnv("OIDC_CLIENT_SECRET", "s3cret");
    vi.stubEnv("KEEL_SIGNUP", "invite-only");
    vi.resetModules();
    const { authOptions } = await import("@/lib/auth/options");
    const email = address();
    const user = { id: "sub-9", email, name: "Sso Person" };
    const result = await authOptions().callbacks!.signIn!({ user, account: { provider: "oidc", type: "oauth", providerAccountId: "sub-9" }, profile: { sub: "sub-9", email, email_verified: true } as Profile });
    expect(result).toBe("/signin?error=OidcSignUpClosed");
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});
