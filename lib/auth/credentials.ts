import "server-only";
import { db } from "@/lib/db/prisma";
import { RateLimitedError } from "@/lib/errors";
import { countSignIn } from "@/lib/ops/metrics";
import { limitSignIn } from "@/lib/rate-limit";
import { verifyPassword } from "./password";
import { SignInSchema } from "./schemas";

/** next-auth shows the message of an error thrown here on the sign-in form. */
export class SignInRateLimited extends Error {
  constructor(readonly refusal: RateLimitedError) {
    super(refusal.message);
  }
}

/**
 * The person behind an email and password, or null. Unknown emails and wrong passwords are indistinguishable
 * (same answer, same time); attempts are counted per account and per client address (lib/rate-limit.ts).
 */
export async function authorizeCredentials(credentials: unknown, address: string): Promise<{ id: string; email: string; name: string; sessionVersion: number } | null> {
  const parsed = SignInSchema.safeParse(credentials ?? {});
  if (!parsed.success) {
    countSignIn("password", "failure");
    return null;
  }
  const { email, password } = parsed.data;
  try {
    await limitSignIn(email, address);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      countSignIn("password", "rate_limited");
      throw new SignInRateLimited(error);
    }
    throw error;
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true } });
  const isValid = await verifyPassword(user?.passwordHash, password);
  if (!user || !isValid) {
    countSignIn("password", "failure");
    return null;
  }
  countSignIn("password", "success");
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
