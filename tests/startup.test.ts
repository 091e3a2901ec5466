import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { poolConfigFromUrl, withDatabase } from "@/lib/db/connection";
import { checkConnection, StartupError } from "@/scripts/lib/postgres";
import { defaultHost, demoPolicy, prepareDatabase } from "@/scripts/lib/prepare-database";
import { quoteIdent, withAdminClient } from "./setup/databases";

describe("starting against a database that cannot be reached", () => {
  it("fails with one line that names DATABASE_URL", async () => {
    const error = await checkConnection("postgresql://nobody@127.0.0.1:1/keel").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as Error).message;
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("127.0.0.1:1");
    expect(message.split("\n")).toHaveLength(1);
  });
});

describe("the demo organisation and its public password", () => {
  const serverUrl = inject("serverUrl");
  const database = `${process.env.KEEL_TEST_DB_PREFIX ?? "keel_test"}_startup_${process.pid}`;
  const url = withDatabase(serverUrl, database);

  async function count(table: "organizations" | "users"): Promise<number> {
    const client = new pg.Client(poolConfigFromUrl(url));
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    await withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));
  });

  it("is never seeded into a fresh DATABASE_URL unless KEEL_SEED_DEMO=1 asks, and then comes with a warning", { timeout: 180_000 }, async () => {
    await withAdminClient(serverUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${quoteIdent(database)}`);
    });
    const lines: string[] = [];
    const unasked = demoPolicy({ isEmbedded: false, seedDemo: undefined });
    expect(await prepareDatabase(url, unasked, (line) => lines.push(line))).toBe(false);
    expect(lines.join("\n")).toContain("migration");
    expect(await count("organizations")).toBe(0);
    expect(await count("users")).toBe(0);
    expect(unasked.warnPublicPassword).toBe(false);

    const asked = demoPolicy({ isEmbedded: false, seedDemo: "1" });
    expect(asked.warnPublicPassword).toBe(true);
    expect(await prepareDatabase(url, asked, () => undefined)).toBe(true);
    expect(await count("users")).toBe(60);
  });

  it("is seeded into the embedded try-out database, which only this machine can reach", () => {
    expect(demoPolicy({ isEmbedded: true, seedDemo: undefined })).toEqual({ seed: true, warnPublicPassword: false });
    expect(demoPolicy({ isEmbedded: true, seedDemo: "0" }).seed).toBe(false);
    expect(defaultHost({ isEmbedded: true })).toBe("127.0.0.1");
    expect(defaultHost({ isEmbedded: false })).toBe("0.0.0.0");
  });
});
