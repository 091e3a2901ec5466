import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchTransaction, sql } from "@/lib/db/batch";
import { pool } from "@/lib/db/pool";
import { poolConfigFromUrl } from "@/lib/db/connection";

let other: pg.Client;

beforeAll(async () => {
  other = new pg.Client(poolConfigFromUrl(process.env.DATABASE_URL!));
  await other.connect();
  await other.query("CREATE TABLE IF NOT EXISTS batch_probe (id int PRIMARY KEY, label text NOT NULL)");
});

afterAll(async () => {
  await other.query("DROP TABLE IF EXISTS batch_probe");
  await other.end();
});

const awkward = [
  "",
  "plain",
  "it's",
  "''",
  "back\\slash",
  "\\'; DROP TABLE batch_probe; --",
  "E'x'",
  "$$dollar$$",
  "line\nbreak\ttab",
  "ünïcødé 👍",
  "{braces,comma}",
  '"quoted"',
  "NULL",
];

describe("bind parameters", () => {
  it("bring every awkward string back unchanged, alone and inside arrays", async () => {
    const [rows] = await batchTransaction((tx) => tx.run(sql`SELECT unnest(${awkward}::text[]) AS x`));
    expect(rows!.map((r) => r.x)).toEqual(awkward);

    for (const value of awkward) {
      const [[row]] = (await batchTransaction((tx) => tx.run(sql`SELECT ${value}::text AS x`))) as [[{ x: string }]];
      expect(row.x).toBe(value);
    }
  });

  it("keep NULL, numbers, booleans, dates and null array elements", async () => {
    const at = new Date("2026-11-24T10:11:12.345Z");
    const [[row]] = (await batchTransaction((tx) =>
      tx.run(sql`SELECT ${null}::text AS n, ${-12.5}::numeric::text AS num, ${true}::boolean AS yes, ${at}::timestamptz AS at, ${["a", null, "b"]}::text[] AS arr`),
    )) as [[{ n: null; num: string; yes: boolean; at: Date; arr: (string | null)[] }]];
    expect(row).toEqual({ n: null, num: "-12.5", yes: true, at, arr: ["a", null, "b"] });
  });

  it("refuse what Postgres cannot store or SQL cannot say, before anything is sent", () => {
    expect(() => sql`SELECT ${"a\0b"}::text`).toThrow(/NUL/);
    expect(() => sql`SELECT ${["a", "b\0"]}::text[]`).toThrow(/NUL/);
    expect(() => sql`SELECT ${Number.NaN}::numeric`).toThrow();
    expect(() => sql`SELECT ${Infinity}::numeric`).toThrow();
  });

  it("never put a value into the statement's text", () => {
    const statement = sql`SELECT ${"it's"}::text AS x, ${[1, 2]}::int[] AS y`;
    expect(statement.text).toBe("SELECT $1::text AS x, $2::int[] AS y");
    expect(statement.values).toEqual(["it's", [1, 2]]);
  });
});

describe("batchTransaction", () => {
  it("commits deferred writes with the COMMIT", async () => {
    await batchTransaction(async (tx) => {
      tx.defer(sql`INSERT INTO batch_probe (id, label) VALUES (${1}, ${"one"})`);
    });
    expect((await other.query("SELECT label FROM batch_probe WHERE id = 1")).rows).toEqual([{ label: "one" }]);
  });

  it("writes nothing when the work throws", async () => {
    await expect(
      batchTransaction(async (tx) => {
        await tx.run(sql`INSERT INTO batch_probe (id, label) VALUES (${2}, ${"two"})`);
        tx.defer(sql`INSERT INTO batch_probe (id, label) VALUES (${3}, ${"three"})`);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect((await other.query("SELECT id FROM batch_probe WHERE id IN (2, 3)")).rows).toEqual([]);
  });

  it("writes nothing when a deferred statement fails, and the connection stays usable", async () => {
    await expect(
      batchTransaction(async (tx) => {
        await tx.run(sql`INSERT INTO batch_probe (id, label) VALUES (${4}, ${"four"})`);
        tx.defer(sql`INSERT INTO batch_probe (id, label) VALUES (${1}, ${"duplicate"})`);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect((await other.query("SELECT id FROM batch_probe WHERE id = 4")).rows).toEqual([]);
    for (let i = 0; i < 12; i++) {
      const [[row]] = (await batchTransaction((tx) => tx.run(sql`SELECT count(*)::int AS n FROM batch_probe`))) as [[{ n: number }]];
      expect(row.n).toBe(1);
    }
  });

  it("sends the work's last statements with the COMMIT, and a failure among them writes nothing", async () => {
    const [[row]] = (await batchTransaction((tx) => tx.runAndCommit(sql`INSERT INTO batch_probe (id, label) VALUES (${20}, ${"twenty"}) RETURNING label`))) as [[{ label: string }]];
    expect(row.label).toBe("twenty");
    await expect(
      batchTransaction((tx) =>
        tx.runAndCommit(sql`INSERT INTO batch_probe (id, label) VALUES (${21}, ${"twenty-one"})`, sql`INSERT INTO batch_probe (id, label) VALUES (${20}, ${"again"})`),
      ),
    ).rejects.toMatchObject({ code: "23505" });
    expect((await other.query("SELECT id, label FROM batch_probe WHERE id IN (20, 21)")).rows).toEqual([{ id: 20, label: "twenty" }]);
    await other.query("DELETE FROM batch_probe WHERE id = 20");
  });

  it("gives each statement of a message its own snapshot: a read after a lock sees what was committed while waiting", async () => {
    await other.query("INSERT INTO batch_probe (id, label) VALUES (10, 'before'), (11, 'before')");
    await other.query("BEGIN");
    await other.query("SELECT id FROM batch_probe WHERE id = 10 FOR UPDATE");
    const reading = batchTransaction((tx) =>
      tx.run(sql`SELECT id FROM batch_probe WHERE id = ${10} FOR UPDATE`, sql`SELECT label FROM batch_probe WHERE id = ${11}`),
    );
    // The batch is now queued behind the lock; wait until Postgres shows it waiting, then commit a change.
    const watcher = new pg.Client(poolConfigFromUrl(process.env.DATABASE_URL!));
    await watcher.connect();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await watcher.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
      if (rows[0].n > 0) break;
      if (Date.now() > deadline) throw new Error("the batch never queued behind the lock");
    }
    await watcher.end();
    await other.query("UPDATE batch_probe SET label = 'after' WHERE id = 11");
    await other.query("COMMIT");
    const [, labels] = await reading;
    expect(labels).toEqual([{ label: "after" }]);
  });

  it("bounds lock waits inside the transaction only, leaving pooled connections as they were", async () => {
    const [[inside]] = (await batchTransaction((tx) => tx.run(sql`SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement`))) as [
      [{ lock: string; statement: string }],
    ];
    expect(inside).toEqual({ lock: "10s", statement: "30s" });
    const clients = await Promise.all(Array.from({ length: 3 }, () => pool.connect()));
    try {
      for (const client of clients) expect((await client.query("SHOW lock_timeout")).rows[0].lock_timeout).toBe("0");
    } finally {
      clients.forEach((c) => c.release());
    }
  });
});
