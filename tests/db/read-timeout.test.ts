import { afterAll, describe, expect, it } from "vitest";
import { GET as exportReview } from "@/app/(app)/review/export/route";
import { db } from "@/lib/db/prisma";
import { createReadDb, readTimeoutMs, readTransaction, ReadTimeoutError } from "@/lib/db/read";
import { createApiToken, createCycle } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld } from "../helpers/world";

/**
 * Heavy reads (the review, the tree, through lib/db/read.ts) get a statement timeout of their own, so one slow read
 * cannot hold a connection and a core for as long as it likes; running out of time is a 503 "try again", never a 500.
 */

const replica = createReadDb(process.env.DATABASE_URL!, 1);
afterAll(() => replica.close());

describe("the read timeout", () => {
  it("cancels a read that runs too long, answers 'try again', and leaves the connection as it was", async () => {
    const slow = readTransaction(db, (tx) => tx.$queryRaw`SELECT pg_sleep(5)`, 200);
    await expect(slow).rejects.toBeInstanceOf(ReadTimeoutError);
    await expect(slow).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/try again/) });
    // SET LOCAL ended with the transaction: the same pool's next statement has no timeout.
    const settings = await Promise.all(Array.from({ length: 12 }, () => db.$queryRaw<{ t: string }[]>`SELECT current_setting('statement_timeout') AS t`));
    expect(new Set(settings.map((s) => s[0]!.t))).toEqual(new Set(["0"]));
  });

  it("applies to every statement on a replica's pool from the connection's start", async () => {
    const [row] = await replica.db.$queryRaw<{ t: string }[]>`SELECT current_setting('statement_timeout') AS t`;
    expect(row!.t).toBe(`${readTimeoutMs() / 1000}s`);
  });

  it("reads KEEL_READ_TIMEOUT_MS and refuses what is not a whole number of milliseconds", () => {
    expect(readTimeoutMs({})).toBe(15_000);
    expect(readTimeoutMs({ KEEL_READ_TIMEOUT_MS: "2500" })).toBe(2_500);
    expect(() => readTimeoutMs({ KEEL_READ_TIMEOUT_MS: "soon" })).toThrow(/KEEL_READ_TIMEOUT_MS/);
  });

  it("turns a review export that runs out of time into a 503 problem, not a 500", async () => {
    const world = await createWorld();
    const cycle = await createCycle(db, world.org.id, { state: "active" });
    const token = (await createApiToken(db, world.org.id, world.admin.id)).secret;
    // The review waits on a lock its statement cannot get in 1 ms: it stands for any read that is too slow.
    process.env.KEEL_READ_TIMEOUT_MS = "1";
    try {
      const lockedOut = await db.$transaction(async (tx) => {
        await tx.$executeRaw`LOCK TABLE key_results IN ACCESS EXCLUSIVE MODE`;
        return callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&section=teams`, token });
      });
      expect(lockedOut.status).toBe(503);
      expect(JSON.stringify(lockedOut.json)).toMatch(/try again/);
    } finally {
      delete process.env.KEEL_READ_TIMEOUT_MS;
    }
  });
});
