import "server-only";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { describeInvitation } from "@/lib/invitations/queries";
import { logUnsentEmails, type StoredEmail } from "@/lib/email/outbox";
import { createOrganizationWithOwner } from "@/lib/organizations/create";
import { queueVerificationEmail } from "./account";
import { hashPassword } from "./password";
import { assertSignUpAllowed } from "./sign-up-policy";
import type { InvitedSignUpInput, SignUpInput } from "./schemas";

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

const INVITATION_UNUSABLE = {
  expired: "This invitation has expired. Ask for a new link.",
  used: "This invitation has already been used. Ask for a new link.",
  revoked: "This invitation was revoked. Ask for a new link.",
} as const;

/**
 * Creates the person and their organisation, with them as its owner; all or nothing. The instance's sign-up policy
 * (KEEL_SIGNUP) decides who may; a mail asks them to verify their address.
 */
export async function signUp(input: SignUpInput): Promise<{ userId: string; organizationId: string }> {
  return createAccount(input, { invited: false }, async (tx, userId) => {
    const organization = await createOrganizationWithOwner(tx, { name: input.organizationName, ownerId: userId });
    return { userId, organizationId: organization.id };
  });
}

/**
 * Creates the account of someone who followed an invitation link, without an organisation of their own: they
 * accept the invitation once signed in. The link must still be usable, and an invitation naming an email is
 * only for that address.
 */
export async function signUpForInvitation(input: InvitedSignUpInput): Promise<{ userId: string }> {
  const invitation = await describeInvitation(input.invitation);
  if (!invitation) throw new AppError("not_found", "That invitation link is not valid. Ask for a new one.");
  if (invitation.status !== "valid") throw new AppError("conflict", INVITATION_UNUSABLE[invitation.status]);
  if (invitation.email && invitation.email.toLowerCase() !== input.email) {
    const message = `This invitation is for ${invitation.email}; sign up with that address`;
    throw new AppError("validation", message, { email: [message] });
  }
  return createAccount(input, { invited: true }, async (_tx, userId) => ({ userId }));
}

async function createAccount<T>(
  input: { name: string; email: string; password: string },
  options: { invited: boolean },
  then: (tx: Tx, userId: string) => Promise<T>,
): Promise<T> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("conflict", EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    let mail: StoredEmail[] = [];
    const result = await db.$transaction(async (tx) => {
      await assertSignUpAllowed(tx, input.email, options);
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      mail = await queueVerificationEmail(tx, user);
      return then(tx, user.id);
    });
    logUnsentEmails(mail);
    return result;
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides, and the loser hears the same message.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
    }
    throw error;
  }
}
