import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizeCredentials, SignInRateLimited } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { hashKey, LIMITS } from "@/lib/rate-limit";
import { createUser } from "@/prisma/factories";

async function personWithPassword(password: string) {
  return createUser(db, { passwordHash: await hashPassword(password) });
}

describe("sign-in with email and password", () => {
  it("accepts the right password, with the email in any case", async () => {
    const user = await personWithPassword("correct-horse-42");
    expect(await authorizeCredentials({ email: user.email.toUpperCase(), password: "correct-horse-42" }, "ip-a")).toMatchObject({ id: user.id });
  });

  it("answers a wrong password exactly as an unknown email", async () => {
    const user = await personWithPassword("correct-horse-42");
    const wrongPassword = await authorizeCredentials({ email: user.email, password: "wrong-horse-42" }, "ip-b");
    const unknownEmail = await authorizeCredentials({ email: `nobody-${randomUUID()}@example.test`, password: "wrong-horse-42" }, "ip-b");
    expect(wrongPassword).toBeNull();
    expect(unknownEmail).toBeNull();
  });

  it("slows down repeated attempts on one account, counted in Postgres", async () => {
    const user = await personWithPassword("correct-horse-42");
    for (let i = 0; i < LIMITS.signInAccount.attempts; i++) {
      expect(await authorizeCredentials({ email: user.email, password: "guess" }, "ip-c")).toBeNull();
    }
    await expect(authorizeCredentials({ email: user.email, password: "correct-horse-42" }, "ip-c")).rejects.toBeInstanceOf(SignInRateLimited);
    const row = await db.rateLimit.findUnique({ where: { key: hashKey(`signin-account:${user.email}`) } });
    expect(row?.count).toBe(LIMITS.signInAccount.attempts + 1);
  });
});
