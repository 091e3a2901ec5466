import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createOrganizationWithOwner } from "@/lib/organizations/create";
import { hashPassword } from "./password";
import type { SignUpInput } from "./schemas";

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/** Creates the person and their organisation, with them as its owner; all or nothing. */
export async function signUp(input: SignUpInput): Promise<{ userId: string; organizationId: string }> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("conflict", EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      const organization = await createOrganizationWithOwner(tx, { name: input.organizationName, ownerId: user.id });
      return { userId: user.id, organizationId: organization.id };
    });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides, and the loser hears the same message.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
    }
    throw error;
  }
}
