import { createServer, type AddressInfo } from "node:net";
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { startEmbeddedPostgres } from "@/scripts/lib/postgres";

const dir = mkdtempSync(path.join(tmpdir(), "keel-embedded-"));
// As root, Postgres runs as the postgres user, who must be able to enter the folder.
chmodSync(dir, 0o755);
// A port the system just handed out and took back: a fixed guess can collide with some connection's own local port.
const port = await new Promise<number>((resolve, reject) => {
  const probe = createServer();
  probe.once("error", reject);
  probe.listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address() as AddressInfo;
    probe.close(() => resolve(free));
  });
});

async function query(url: string, sql: string) {
  const client = new pg.Client(poolConfigFromUrl(url));
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded Postgres (the default when DATABASE_URL is unset)", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts, stops cleanly and keeps its data for the next start", async () => {
    const first = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port, database: "keel" });
    await query(first.url, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port, database: "keel" });
    try {
      expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
