import "server-only";
import type { Tx } from "@/lib/db/prisma";
import { env, type SignUpPolicy } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const INVITE_ONLY_MESSAGE = "New accounts on this Keel need an invitation. Ask a colleague for an invitation link.";

export function domainsMessage(domains: readonly string[]): string {
  return `Sign up with an address at ${domains.join(" or ")}, or ask for an invitation`;
}

/**
 * Whether a new account may be made for this address under KEEL_SIGNUP. Someone following an invitation was
 * chosen by an organisation and is always let in; so is the first account of an empty instance, or nobody could
 * ever start one. Runs inside the account's transaction: the lock makes two "first" sign-ups queue up, so only
 * one of them finds the instance empty.
 */
export async function assertSignUpAllowed(tx: Tx, email: string, options: { invited: boolean; policy?: SignUpPolicy }): Promise<void> {
  const policy = options.policy ?? env().KEEL_SIGNUP;
  if (policy.mode === "open" || options.invited) return;
  if (policy.mode === "domains" && policy.domains.includes(email.slice(email.lastIndexOf("@") + 1))) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('keel:first-account'))`;
  const [someone] = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM users LIMIT 1`;
  if (!someone) return;
  if (policy.mode === "invite-only") throw new AppError("forbidden", INVITE_ONLY_MESSAGE);
  const message = domainsMessage(policy.domains);
  throw new AppError("validation", message, { email: [message] });
}
