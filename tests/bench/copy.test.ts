import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { copyRows } from "@/bench/lib/copy";
import { prng, uuidV7 } from "@/bench/lib/random";

let client: pg.Client;
const table = `bench_copy_probe_${process.pid}`;

describe("COPY text encoding", () => {
  beforeAll(async () => {
    client = new pg.Client(poolConfigFromUrl(process.env.DATABASE_URL!));
    await client.connect();
    await client.query(`CREATE TABLE ${table} (id int PRIMARY KEY, note text, tags text[], at timestamptz, flag boolean, amount numeric(20,4), doc jsonb)`);
  });

  afterAll(async () => {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  });

  it("round-trips tabs, new lines, backslashes, quotes, nulls, arrays, instants and JSON", async () => {
    const tricky = 'tab\there, line\nbreak, carriage\rreturn, back\\slash, "quoted", \\N literally';
    const at = new Date("2026-11-25T09:30:00.123Z");
    const rows = [
      [1, tricky, ['a "b"', "c\\d", "e,f", "{g}"], at, true, "12.5", JSON.stringify({ targetValue: "250", note: tricky })],
      [2, null, [], null, false, "-0.0001", null],
    ];
    expect(await copyRows(client, table, ["id", "note", "tags", "at", "flag", "amount", "doc"], rows)).toBe(2);
    const { rows: back } = await client.query(`SELECT id, note, tags, at, flag, amount::text AS amount, doc FROM ${table} ORDER BY id`);
    expect(back).toEqual([
      { id: 1, note: tricky, tags: ['a "b"', "c\\d", "e,f", "{g}"], at, flag: true, amount: "12.5000", doc: { targetValue: "250", note: tricky } },
      { id: 2, note: null, tags: [], at: null, flag: false, amount: "-0.0001", doc: null },
    ]);
  });
});

describe("seeded UUID v7", () => {
  it("carries the creation time, version 7 and the RFC variant, and repeats for the same seed", () => {
    const at = new Date("2026-11-25T12:00:00.000Z");
    const a = [uuidV7(prng(1), at), uuidV7(prng(1), at)];
    expect(a[0]).toBe(a[1]);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(a[0]!.replace(/-/g, "").slice(0, 12), 16)).toBe(at.getTime());
    expect(uuidV7(prng(2), at)).not.toBe(a[0]);
    expect(uuidV7(prng(1), new Date(at.getTime() + 1)) > a[0]!).toBe(true);
  });
});
