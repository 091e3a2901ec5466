import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordResetAction } from "@/app/(auth)/forgot-password/actions";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";
import { signUpAction } from "@/app/(auth)/signup/actions";
import { verifyEmailAction } from "@/app/(auth)/verify-email/actions";
import { resendVerificationAction } from "@/app/(app)/settings/profile/actions";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { sha256 } from "@/lib/tokens";
import { db } from "@/lib/db/prisma";
import { createUser } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";
import { latestAccountLink } from "./mail";

// The forgot-password action reads the client address from the request, which a test has none of.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` }) }));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const email = () => `someone-${randomUUID().slice(0, 8)}@example.test`;

async function personWithPassword(password = "old-password-2024") {
  return createUser(db, { email: email(), passwordHash: await hashPassword(password) });
}

beforeEach(() => signInAs(null));

describe("forgot password", () => {
  it("answers the same for an unknown address, and writes no mail", async () => {
    const person = await personWithPassword();
    const unknown = email();
    const known = await requestPasswordResetAction(undefined, form({ email: person.email }));
    const missing = await requestPasswordResetAction(undefined, form({ email: unknown }));
    expect(known).toMatchObject({ status: "success", data: { email: person.email }, message: null });
    expect(missing).toMatchObject({ status: "success", data: { email: unknown }, message: null });
    expect(await db.emailMessage.count({ where: { to: unknown } })).toBe(0);
    expect(await db.accountToken.count({ where: { email: unknown } })).toBe(0);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { to: person.email, kind: "reset-password" } });
    // Never in an organisation's development mailbox, where an admin could read someone else's reset link.
    expect(mail.organizationId).toBeNull();
  });

  it("a reset link works once, and stores only a hash of its secret", async () => {
    const person = await personWithPassword();
    await requestPasswordResetAction(undefined, form({ email: person.email }));
    const secret = await latestAccountLink(person.email, "reset-password");
    expect(await db.accountToken.count({ where: { tokenHash: secret } })).toBe(0);
    expect(await db.accountToken.count({ where: { tokenHash: sha256(secret) } })).toBe(1);

    expect(await resetPasswordAction(undefined, form({ token: secret, password: "new-password-2025" }))).toMatchObject({ status: "success" });
    const again = await resetPasswordAction(undefined, form({ token: secret, password: "third-password-2026" }));
    expect(again).toMatchObject({ status: "error", code: "not_found", message: "This reset link has expired or was already used. Ask for a new one." });
    expect(await authorizeCredentials({ email: person.email, password: "new-password-2025" }, `ip-${randomUUID()}`)).not.toBeNull();
    expect(await authorizeCredentials({ email: person.email, password: "third-password-2026" }, `ip-${randomUUID()}`)).toBeNull();
  });

  it("an expired reset link changes nothing, and using one link spends the others", async () => {
    const person = await personWithPassword();
    await requestPasswordResetAction(undefined, form({ email: person.email }));
    const first = await latestAccountLink(person.email, "reset-password");
    await db.accountToken.update({ where: { tokenHash: sha256(first) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resetPasswordAction(undefined, form({ token: first, password: "new-password-2025" }))).toMatchObject({ status: "error", code: "not_found" });
    expect(await authorizeCredentials({ email: person.email, password: "old-password-2024" }, `ip-${randomUUID()}`)).not.toBeNull();

    await requestPasswordResetAction(undefined, form({ email: person.email }));
    const second = await latestAccountLink(person.email, "reset-password");
    await requestPasswordResetAction(undefined, form({ email: person.email }));
    const third = await latestAccountLink(person.email, "reset-password");
    expect(await resetPasswordAction(undefined, form({ token: third, password: "new-password-2025" }))).toMatchObject({ status: "success" });
    expect(await resetPasswordAction(undefined, form({ token: second, password: "other-password-2026" }))).toMatchObject({ status: "error", code: "not_found" });
  });

  it("refuses a weak new password and keeps the link usable", async () => {
    const person = await personWithPassword();
    await requestPasswordResetAction(undefined, form({ email: person.email }));
    const secret = await latestAccountLink(person.email, "reset-password");
    expect(await resetPasswordAction(undefined, form({ token: secret, password: "short" }))).toMatchObject({ status: "error", code: "validation" });
    expect(await resetPasswordAction(undefined, form({ token: secret, password: "new-password-2025" }))).toMatchObject({ status: "success" });
  });
});

describe("email verification", () => {
  it("sign-up mails a link that marks the address verified, once", async () => {
    const address = email();
    expect(await signUpAction(undefined, form({ name: "Vera", email: address, password: "verified-person-1", organizationName: "Proof Ltd" }))).toMatchObject({ status: "success" });
    expect((await db.user.findUniqueOrThrow({ where: { email: address } })).emailVerifiedAt).toBeNull();

    const secret = await latestAccountLink(address, "verify-email");
    expect(await verifyEmailAction(undefined, form({ token: secret }))).toMatchObject({ status: "success", data: { email: address } });
    expect((await db.user.findUniqueOrThrow({ where: { email: address } })).emailVerifiedAt).toBeInstanceOf(Date);
    expect(await verifyEmailAction(undefined, form({ token: secret }))).toMatchObject({ status: "error", code: "not_found" });
  });

  it("an expired verification link verifies nothing; 'resend' mails a fresh one", async () => {
    const address = email();
    await signUpAction(undefined, form({ name: "Vera", email: address, password: "verified-person-1", organizationName: "Proof Ltd" }));
    const user = await db.user.findUniqueOrThrow({ where: { email: address } });
    const old = await latestAccountLink(address, "verify-email");
    await db.accountToken.update({ where: { tokenHash: sha256(old) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyEmailAction(undefined, form({ token: old }))).toMatchObject({ status: "error", code: "not_found" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();

    signInAs(user.id);
    expect(await resendVerificationAction(undefined, form({}))).toMatchObject({ status: "success", message: `We sent a new verification link to ${address}` });
    const fresh = await latestAccountLink(address, "verify-email");
    expect(fresh).not.toBe(old);
    expect(await verifyEmailAction(undefined, form({ token: fresh }))).toMatchObject({ status: "success" });
    expect(await resendVerificationAction(undefined, form({}))).toMatchObject({ status: "error", code: "conflict" });
  });

  it("a reset link for another purpose does not verify", async () => {
    const person = await personWithPassword();
    await requestPasswordResetAction(undefined, form({ email: person.email }));
    const reset = await latestAccountLink(person.email, "reset-password");
    expect(await verifyEmailAction(undefined, form({ token: reset }))).toMatchObject({ status: "error" });
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).emailVerifiedAt).toBeNull();
  });
});
