import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { assertSignUpAllowed } from "./sign-up-policy";

/** Reasons single sign-on is refused, shown on the sign-in page as ?error=<code>. */
export type SsoRefusal = "OidcNoEmail" | "OidcUnverifiedEmail" | "OidcLinkUnverified" | "OidcSignUpClosed";

/**
 * Decides whether an identity from the provider may sign in, and to which Keel account. Accounts are found by
 * email, so both sides must have proved the address: the provider says `email_verified: true` (a provider that
 * leaves the claim out is refused, since nobody vouched for the address), and an existing Keel account has a
 * verified email. Otherwise whoever registered an address first, at Keel or at the provider, could take over the
 * other's account. A new address makes a new account, within the sign-up policy, already verified.
 */
export async function linkSsoIdentity(profile: { email?: string | null; email_verified?: unknown; name?: string | null }): Promise<{ userId: string } | { refused: SsoRefusal }> {
  const email = profile.email?.trim().toLowerCase();
  if (!email) return { refused: "OidcNoEmail" };
  if (profile.email_verified !== true) return { refused: "OidcUnverifiedEmail" };
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true } });
  if (existing) return existing.emailVerifiedAt ? { userId: existing.id } : { refused: "OidcLinkUnverified" };
  try {
    const created = await db.$transaction(async (tx) => {
      const invited = await tx.invitation.findFirst({ where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } });
      await assertSignUpAllowed(tx, email, { invited: Boolean(invited) });
      return tx.user.upsert({
        where: { email },
        create: { email, name: profile.name?.trim().slice(0, 120) || email, emailVerifiedAt: new Date() },
        update: {},
        select: { id: true, emailVerifiedAt: true },
      });
    });
    return created.emailVerifiedAt ? { userId: created.id } : { refused: "OidcLinkUnverified" };
  } catch (error) {
    if (error instanceof AppError && (error.code === "forbidden" || error.code === "validation")) return { refused: "OidcSignUpClosed" };
    throw error;
  }
}
