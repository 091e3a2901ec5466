import "server-only";
import { db } from "@/lib/db/prisma";
import { hitRateLimit } from "@/lib/rate-limit";
import { verifyPassword } from "./password";
import { SignInSchema } from "./schemas";

export const SIGN_IN_LIMIT = { attempts: 10, windowSeconds: 15 * 60 };
export const RATE_LIMITED_MESSAGE = "Too many sign-in attempts. Wait 15 minutes and try again.";

export class SignInRateLimited extends Error {
  constructor() {
    super(RATE_LIMITED_MESSAGE);
  }
}

/**
 * The person behind an email and password, or null. Unknown emails and wrong passwords are indistinguishable
 * (same answer, same time); repeated attempts for one email from one address are slowed by a shared counter.
 */
export async function authorizeCredentials(credentials: unknown, ip: string): Promise<{ id: string; email: string; name: string; sessionVersion: number } | null> {
  const parsed = SignInSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempts = await hitRateLimit(`signin:${email}:${ip}`, SIGN_IN_LIMIT.windowSeconds);
  if (attempts > SIGN_IN_LIMIT.attempts) throw new SignInRateLimited();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true } });
  const isValid = await verifyPassword(user?.passwordHash, password);
  if (!user || !isValid) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
