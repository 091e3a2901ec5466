import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchTransaction, sql } from "@/lib/db/batch";
import { negotiatedPoolConfig, poolConfigFromUrl } from "@/lib/db/connection";
import { pool, TlsFallbackPool } from "@/lib/db/pool";

let other: pg.Client;

beforeAll(async () => {
  other = new pg.Client(poolConfigFromUrl(process.env.DATABASE_URL!));
  await other.connect();
});

afterAll(async () => {
  await other.end();
});

describe("a connection that fails while a batch transaction holds it", () => {
  it("fails that transaction only, and the pool goes on serving", async () => {
    const failure = batchTransaction(async (tx) => {
      const [rows] = await tx.run(sql`SELECT pg_backend_pid() AS pid`);
      const pid = Number(rows![0]!.pid);
      // The server ends the session between two statements, as a restart or a network cut would.
      await other.query("SELECT pg_terminate_backend($1)", [pid]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.run(sql`SELECT 1 AS one`);
    });
    await expect(failure).rejects.toThrow();
    const [rows] = await batchTransaction((tx) => tx.run(sql`SELECT 2 AS two`));
    expect(rows).toEqual([{ two: 2 }]);
  });
});

describe("the session's text encoding", () => {
  it("is UTF-8 on every pooled connection, as batch.ts's literals assume", async () => {
    const { rows } = await pool.query<{ client_encoding: string }>("SHOW client_encoding");
    expect(rows[0]!.client_encoding).toBe("UTF8");
  });
});

describe("sslmode=prefer against a server without TLS", () => {
  const url = `${process.env.DATABASE_URL!}${process.env.DATABASE_URL!.includes("?") ? "&" : "?"}sslmode=prefer`;

  it("falls back to a plain connection, where require would refuse", async () => {
    const server = await other.query<{ ssl: string }>("SHOW ssl");
    if (server.rows[0]!.ssl === "on") return; // this test server has TLS: the fallback never happens
    const preferring = new TlsFallbackPool(poolConfigFromUrl(url, { max: 1 }), { fallbackToPlain: true });
    try {
      const { rows } = await preferring.query<{ one: number }>("SELECT 1 AS one");
      expect(rows[0]!.one).toBe(1);
    } finally {
      await preferring.end();
    }
    const requiring = new TlsFallbackPool(poolConfigFromUrl(url.replace("sslmode=prefer", "sslmode=require"), { max: 1 }), { fallbackToPlain: false });
    try {
      await expect(requiring.query("SELECT 1")).rejects.toThrow(/does not support SSL/);
    } finally {
      await requiring.end();
    }
  });
});

describe("the command-line steps settle allow and prefer with one trial connection", () => {
  const withMode = (mode: string) => `${process.env.DATABASE_URL!}${process.env.DATABASE_URL!.includes("?") ? "&" : "?"}sslmode=${mode}`;

  it("prefer ends in plain text and allow starts there, on a server without TLS; require still refuses", async () => {
    const server = await other.query<{ ssl: string }>("SHOW ssl");
    if (server.rows[0]!.ssl === "on") return; // this test server has TLS: prefer keeps it
    expect((await negotiatedPoolConfig(withMode("prefer"))).ssl).toBe(false);
    expect((await negotiatedPoolConfig(withMode("allow"))).ssl).toBe(false);
    const client = new pg.Client(await negotiatedPoolConfig(withMode("require")));
    client.on("error", () => undefined);
    await expect(client.connect()).rejects.toThrow(/does not support SSL/);
  });
});

