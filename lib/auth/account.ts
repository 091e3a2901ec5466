import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/prisma";
import { enqueueEmails, logUnsentEmails, type StoredEmail } from "@/lib/email/outbox";
import { appUrl } from "@/lib/email/links";
import { AppError, invalid } from "@/lib/errors";
import { enforceRateLimit, limitPasswordReset } from "@/lib/rate-limit";
import { consumeAccountToken, issueAccountToken } from "./account-tokens";
import { hashPassword, verifyPassword } from "./password";

export const RESET_LINK_UNUSABLE = "This reset link has expired or was already used. Ask for a new one.";
export const VERIFY_LINK_UNUSABLE = "This verification link has expired or was already used. Sign in and ask for a new one.";

/**
 * Account mail is written with no organisation: the development mailbox shows an organisation's mail to its
 * admins, and a reset link there would let an admin take over a member's account. Without SMTP it goes to the
 * server log only.
 */
async function queueAccountMail(tx: Tx, to: string, kind: string, subject: string, text: string): Promise<StoredEmail[]> {
  return enqueueEmails(tx, [{ organizationId: null, to, subject, text, kind }]);
}

/** One history row in each organisation the person belongs to: account events have no organisation of their own. */
async function recordAccountAudit(tx: Tx, userId: string, action: string, actorId: string | null = userId): Promise<void> {
  const memberships = await tx.membership.findMany({ where: { userId }, select: { organizationId: true } });
  for (const m of memberships) {
    await recordAudit(tx, { orgId: m.organizationId, userId: actorId }, { entityType: "user", entityId: userId, action });
  }
}

/** Inside the sign-up transaction: the mail exists exactly when the account does. */
export async function queueVerificationEmail(tx: Tx, user: { id: string; email: string; name: string }): Promise<StoredEmail[]> {
  const secret = await issueAccountToken(tx, user, "verify_email");
  return queueAccountMail(
    tx,
    user.email,
    "verify-email",
    "Verify your email for Keel",
    `Hello ${user.name},\n\nConfirm that this address is yours by opening the link below (valid for 48 hours):\n\n${appUrl(`/verify-email?token=${encodeURIComponent(secret)}`)}\n\nIf you did not create a Keel account, ignore this mail.`,
  );
}

/** "Resend": a fresh link for a signed-in person whose address is not verified yet. */
export async function resendVerificationEmail(userId: string): Promise<{ email: string }> {
  await enforceRateLimit(`verify-resend:${userId}`, 5, 60 * 60);
  const { user, mail } = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, emailVerifiedAt: true } });
    if (!user) throw new AppError("unauthenticated", "Your session has ended; sign in again");
    if (user.emailVerifiedAt) throw new AppError("conflict", "Your email address is already verified");
    return { user, mail: await queueVerificationEmail(tx, user) };
  });
  logUnsentEmails(mail);
  return { email: user.email };
}

/** Marks the address verified when the link is current and the account still has the address it was sent to. */
export async function verifyEmail(secret: string): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    const token = await consumeAccountToken(tx, secret, "verify_email");
    if (!token) throw new AppError("not_found", VERIFY_LINK_UNUSABLE);
    const updated = await tx.user.updateMany({ where: { id: token.userId, email: token.email, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
    if (updated.count) await recordAccountAudit(tx, token.userId, "user.email_verified");
    return { email: token.email };
  });
}

/**
 * "Forgot password?": mails a reset link when the address has an account. The caller answers the same either way,
 * so the form cannot be used to learn who has an account; attempts per address and per client are limited.
 */
export async function requestPasswordReset(email: string, ip: string): Promise<void> {
  await limitPasswordReset(email, ip);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
  if (!user) return;
  const mail = await db.$transaction(async (tx) => {
    const secret = await issueAccountToken(tx, user, "reset_password");
    return queueAccountMail(
      tx,
      user.email,
      "reset-password",
      "Reset your Keel password",
      `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset the password of your Keel account. Choose a new one here (valid for 1 hour, once):\n\n${appUrl(`/reset-password?token=${encodeURIComponent(secret)}`)}\n\nIf this was not you, ignore this mail: your password stays as it is.`,
    );
  });
  logUnsentEmails(mail);
}

/**
 * Sets a new password from a reset link, once. Every session of the person ends (the version moves on) and every
 * other reset link they were sent stops working. Following the link also proves the address.
 */
export async function resetPassword(secret: string, password: string): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const token = await consumeAccountToken(tx, secret, "reset_password", now);
    if (!token) throw new AppError("not_found", RESET_LINK_UNUSABLE);
    const user = await tx.user.update({
      where: { id: token.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { email: true, emailVerifiedAt: true },
    });
    if (!user.emailVerifiedAt && user.email === token.email) await tx.user.update({ where: { id: token.userId }, data: { emailVerifiedAt: now } });
    await tx.accountToken.updateMany({ where: { userId: token.userId, purpose: "reset_password", usedAt: null }, data: { usedAt: now } });
    await recordAccountAudit(tx, token.userId, "user.password_reset", null);
    return { email: user.email };
  });
}

/** Changing the password needs the current one, and ends every session (the caller signs this browser in again). */
export async function changePassword(userId: string, currentPassword: string, newPassword: string): Promise<{ email: string }> {
  await enforceRateLimit(`password-change:${userId}`, 10, 15 * 60);
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, email: true } });
  if (!user) throw new AppError("unauthenticated", "Your session has ended; sign in again");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw invalid("currentPassword", "That is not your current password");
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await tx.accountToken.updateMany({ where: { userId, purpose: "reset_password", usedAt: null }, data: { usedAt: new Date() } });
    await recordAccountAudit(tx, userId, "user.password_changed");
    return { email: user.email };
  });
}

/** "Sign out everywhere": every session cookie issued so far stops working on its next request. */
export async function endAllSessions(userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAccountAudit(tx, userId, "user.sessions_ended");
  });
}
