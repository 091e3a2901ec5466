import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signUpAction } from "@/app/(auth)/signup/actions";
import { authorizeCredentials, SignInRateLimited } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { RateLimitedError } from "@/lib/errors";
import { operation } from "@/lib/api/contract";
import { defineRoute } from "@/lib/http/route";
import { clientAddress, hashKey, hitRateLimit, LIMITS, limitPasswordReset, purgeExpiredRateLimits } from "@/lib/rate-limit";
import { createApiToken, createUser } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { setRequestHeaders } from "../helpers/session-state";
import { createWorld } from "../helpers/world";

const PASSWORD = "correct-horse-42";

async function personWithPassword() {
  return createUser(db, { passwordHash: await hashPassword(PASSWORD) });
}

/** What the sign-in endpoint would compute for a request carrying these headers. */
function addressOf(headers: Record<string, string>, trustedProxies: number): string {
  return clientAddress(new Headers(headers), trustedProxies);
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe("the client address", () => {
  it("ignores X-Forwarded-For when no proxy is trusted, and takes the Nth entry from the right with N", () => {
    const headers = { "x-forwarded-for": "1.1.1.1, 2.2.2.2, 3.3.3.3", "x-keel-peer-address": "10.0.0.9" };
    expect(addressOf(headers, 0)).toBe("10.0.0.9");
    expect(addressOf(headers, 1)).toBe("3.3.3.3");
    expect(addressOf(headers, 2)).toBe("2.2.2.2");
    // A chain shorter than the trusted proxies did not come through them all: only the connection is known.
    expect(addressOf(headers, 4)).toBe("10.0.0.9");
  });
});

describe("sign-in throttling", () => {
  it("throttles 30 guesses on one account even when each sends a different X-Forwarded-For", async () => {
    const user = await personWithPassword();
    const outcomes: string[] = [];
    for (let i = 0; i < 30; i++) {
      const headers = { "x-forwarded-for": `198.51.100.${i}`, "x-keel-peer-address": "203.0.113.5" };
      try {
        const result = await authorizeCredentials({ email: user.email, password: `guess-${i}` }, addressOf(headers, 0));
        outcomes.push(result ? "signed-in" : "refused");
      } catch (error) {
        expect(error).toBeInstanceOf(SignInRateLimited);
        outcomes.push("throttled");
      }
    }
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(LIMITS.signInAccount.attempts);
    expect(outcomes.slice(LIMITS.signInAccount.attempts).every((o) => o === "throttled")).toBe(true);
    // Even the right password waits out the window.
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD }, "203.0.113.5")).rejects.toThrow(/Too many sign-in attempts\. Wait \d+ minutes/);
  });

  it("limits one account across many genuine addresses", async () => {
    const user = await personWithPassword();
    for (let i = 0; i < LIMITS.signInAccount.attempts; i++) {
      // Behind one trusted proxy, the rightmost entry is the real client: a different one each time.
      const address = addressOf({ "x-forwarded-for": `192.0.2.${i}` }, 1);
      expect(await authorizeCredentials({ email: user.email, password: "wrong-horse-1" }, address)).toBeNull();
    }
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD }, addressOf({ "x-forwarded-for": "192.0.2.250" }, 1))).rejects.toBeInstanceOf(
      SignInRateLimited,
    );
  });

  it("limits one address working through many accounts, whatever it puts in front of the proxy's entry", async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;
    let throttledAt: number | null = null;
    for (let i = 0; i < LIMITS.signInAddress.attempts + 1; i++) {
      const headers = { "x-forwarded-for": `10.9.${i}.1, ${address}` };
      try {
        await authorizeCredentials({ email: `victim-${randomUUID()}@example.test`, password: "guess-1234" }, addressOf(headers, 1));
      } catch (error) {
        expect(error).toBeInstanceOf(SignInRateLimited);
        throttledAt = i;
        break;
      }
    }
    expect(throttledAt).toBe(LIMITS.signInAddress.attempts);
  });

  it("answers a very long email and header with a clear refusal, never a database error", async () => {
    const longEmail = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.test`;
    const address = addressOf({ "x-forwarded-for": `${"f".repeat(8000)}, ${"e".repeat(5000)}` }, 1);
    for (let i = 0; i < LIMITS.signInAccount.attempts; i++) {
      expect(await authorizeCredentials({ email: longEmail, password: "guess-1234" }, address)).toBeNull();
    }
    await expect(authorizeCredentials({ email: longEmail, password: "guess-1234" }, address)).rejects.toThrow(/Too many sign-in attempts/);
  });
});

describe("sign-up and password-reset throttling", () => {
  it("refuses a flood of sign-ups from one address with a message on the form, and creates no more accounts", async () => {
    setRequestHeaders({ "x-keel-peer-address": `signup-${randomUUID()}`, "x-forwarded-for": "x".repeat(6000) });
    const emails: string[] = [];
    let last = null;
    for (let i = 0; i < LIMITS.signUpAddress.attempts + 1; i++) {
      const email = `flood-${randomUUID().slice(0, 8)}@example.test`;
      emails.push(email);
      last = await signUpAction(undefined, form({ name: "Flood", email, password: "analytical-engine-1843", organizationName: "Flood Ltd" }));
      if (i < LIMITS.signUpAddress.attempts) expect(last.status).toBe("success");
    }
    expect(last).toMatchObject({ status: "error", code: "rate_limited", message: expect.stringMatching(/Too many sign-up attempts\. Wait \d+ minutes/) });
    expect(await db.user.count({ where: { email: { in: emails } } })).toBe(LIMITS.signUpAddress.attempts);
  });

  it("exposes a reset-request limit per account across addresses", async () => {
    const email = `reset-${randomUUID()}@example.test`;
    for (let i = 0; i < LIMITS.passwordResetAccount.attempts; i++) await limitPasswordReset(email, `addr-${i}`);
    await expect(limitPasswordReset(email.toUpperCase(), "addr-new")).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("the API's refusal", () => {
  it("is a 429 problem with Retry-After", async () => {
    const world = await createWorld();
    const { secret } = await createApiToken(db, world.org.id, world.member.id);
    const key = `api-test:${randomUUID()}`;
    const limited = operation({ operationId: "limited", method: "GET", path: "/x", tag: "Test", summary: "Rate limited", permission: "org.read", response: z.object({ ok: z.boolean() }) });
    const handler = defineRoute(limited, async () => {
      const hit = await hitRateLimit(key, 120);
      if (hit.count > 1) throw new RateLimitedError("Slow down", hit.retryAfterSeconds);
      return { ok: true };
    });
    expect((await callApi(handler, { path: "/api/v1/x", token: secret })).status).toBe(200);
    const refused = await callApi(handler, { path: "/api/v1/x", token: secret });
    expect(refused.status).toBe(429);
    expect(refused.contentType).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(100);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(120);
  });
});

describe("cleanup", () => {
  it("deletes counters whose window has ended and keeps the running ones", async () => {
    const running = `cleanup-running:${randomUUID()}`;
    await hitRateLimit(running, 600);
    const expired = `cleanup-${randomUUID()}`;
    await db.rateLimit.create({ data: { key: expired, count: 5, windowStart: new Date(Date.now() - 3_600_000), expiresAt: new Date(Date.now() - 60_000) } });
    const deleted = await purgeExpiredRateLimits();
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await db.rateLimit.findUnique({ where: { key: expired } })).toBeNull();
    expect(await db.rateLimit.findUnique({ where: { key: hashKey(running) } })).toMatchObject({ count: 1 });
  });
});
