import { execFile, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "@/lib/db/pool";
import { createClient, db, type Client } from "@/lib/db/prisma";
import { createReadDb, readDb, type ReadDb } from "@/lib/db/read";
import { loadReview } from "@/lib/review/queries";
import { reviewCsvResponse } from "@/lib/review/export";
import { loadGraph } from "@/lib/tree/graph";
import { loadTreeJson, loadTreePreview } from "@/lib/tree/queries";
import { addTeamMember, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { applyMigrationFiles } from "@/scripts/lib/migrations";

/**
 * DATABASE_READ_URL against a real streaming replica: a primary made with initdb, a standby made from it with
 * pg_basebackup -R, both on this machine. The tree, graph, review and exports read through the standby's pool and
 * return what was written on the primary; the standby refuses writes, so nothing can write through that pool.
 */

const BIN = "/usr/lib/postgresql/15/bin";
// Two free ports for the clusters (the primary's and the next one): KEEL_REPLICA_TEST_PORT when runs share a machine.
const PRIMARY_PORT = Number(process.env.KEEL_REPLICA_TEST_PORT ?? 5481);
const STANDBY_PORT = PRIMARY_PORT + 1;
const exec = promisify(execFile);
// Postgres refuses to run as root; as root the clusters belong to the `postgres` user.
const asRoot = userInfo().uid === 0;

function hasPostgresUser(): boolean {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const skipReason = !["initdb", "pg_ctl", "pg_basebackup", "postgres"].every((b) => existsSync(path.join(BIN, b)))
  ? `the PostgreSQL 15 binaries (initdb, pg_ctl, pg_basebackup) are not in ${BIN}`
  : asRoot && !hasPostgresUser()
    ? "running as root, with no 'postgres' user to run the clusters as"
    : null;
if (skipReason) console.warn(`read-replica test skipped: ${skipReason}`);

async function pg(bin: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(BIN, bin), ...args]] : [path.join(BIN, bin), args];
  await exec(file, argv, { timeout: 60_000 });
}

let dir = "";
const started: string[] = [];
let primary: Client | null = null;
let closePrimary: (() => Promise<void>) | null = null;
let replica: ReturnType<typeof createReadDb> | null = null;

async function startCluster(dataDir: string, port: number) {
  const options = `-p ${port} -k ${path.join(dir, "sockets")} -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on`;
  await pg("pg_ctl", ["-D", dataDir, "-o", options, "-l", path.join(dir, `${port}.log`), "-w", "-t", "60", "start"]);
  started.push(dataDir);
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the read pool without DATABASE_READ_URL", () => {
  it("is the primary's own client, so no second pool is opened", () => {
    expect(process.env.DATABASE_READ_URL ?? "").toBe("");
    expect(readDb()).toBe(db);
  });
});

const world = {} as { orgId: string; cycleId: string; companyId: string; teamObjectiveTitle: string };

describe.skipIf(skipReason !== null)("the read pool on a streaming replica", () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "keel-replica-"));
    chmodSync(dir, 0o755);
    mkdirSync(path.join(dir, "sockets"));
    if (asRoot) await exec("chown", ["-R", "postgres:postgres", dir]);

    const primaryDir = path.join(dir, "primary");
    const standbyDir = path.join(dir, "standby");
    // Trust for every connection, replication included (initdb's pg_hba.conf has replication lines for local and loopback).
    await pg("initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
    await startCluster(primaryDir, PRIMARY_PORT);
    const primaryServer = `postgresql://postgres@127.0.0.1:${PRIMARY_PORT}/postgres`;
    const admin = createPool(primaryServer, 1);
    await admin.query("CREATE DATABASE keel");
    await admin.end();

    await pg("pg_basebackup", ["-h", "127.0.0.1", "-p", String(PRIMARY_PORT), "-U", "postgres", "-D", standbyDir, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"]);
    await startCluster(standbyDir, STANDBY_PORT);

    const primaryUrl = `postgresql://postgres@127.0.0.1:${PRIMARY_PORT}/keel`;
    await applyMigrationFiles(primaryUrl);
    const primaryPool = createPool(primaryUrl, 2);
    const client = createClient(primaryPool);
    primary = client;
    closePrimary = async () => {
      await client.$disconnect();
      await primaryPool.end();
    };

    // A small organisation: two teams, a company objective with a team objective aligned under its key result, check-ins.
    const org = await createOrganization(client, { name: "Replica Ltd" });
    const [owner, lead] = await Promise.all([createMember(client, org.id, "owner"), createMember(client, org.id, "member")]);
    const team = await createTeam(client, org.id, { name: "Platform" });
    await createTeam(client, org.id, { name: "Mobile", parentId: team.id });
    await addTeamMember(client, org.id, team.id, lead.id, "lead");
    const cycle = await createCycle(client, org.id, { state: "active", startDate: new Date(Date.UTC(2026, 9, 1)), endDate: new Date(Date.UTC(2026, 11, 31)) });
    await client.organization.update({ where: { id: org.id }, data: { defaultCycleId: cycle.id } });
    const company = await createObjective(client, org.id, { cycleId: cycle.id, ownerId: owner.id, title: "Customers love the product" });
    const kr = await createKeyResult(client, org.id, { objectiveId: company.id, ownerId: owner.id, title: "NPS above 50" });
    const teamObjective = await createObjective(client, org.id, { cycleId: cycle.id, ownerId: lead.id, teamId: team.id, title: "Pages load in a second", parentKeyResultId: kr.id });
    const teamKr = await createKeyResult(client, org.id, { objectiveId: teamObjective.id, ownerId: lead.id, title: "p95 under 1 s" });
    await createCheckIn(client, org.id, { keyResultId: kr.id, authorId: owner.id, week: new Date(Date.UTC(2026, 10, 2)), value: 30, confidence: "at_risk" });
    await createCheckIn(client, org.id, { keyResultId: teamKr.id, authorId: lead.id, week: new Date(Date.UTC(2026, 10, 2)), value: 4, confidence: "on_track" });
    Object.assign(world, { orgId: org.id, cycleId: cycle.id, companyId: company.id, teamObjectiveTitle: teamObjective.title });

    // Replay is asynchronous: wait until the standby has replayed everything the primary has written so far.
    const { rows } = await primaryPool.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
    replica = createReadDb(`postgresql://postgres@127.0.0.1:${STANDBY_PORT}/keel`, 2);
    const readPool = replica.pool;
    await until("the standby to replay the primary's writes", async () => {
      const replay = await readPool.query<{ caught_up: boolean }>("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0 AS caught_up", [rows[0]!.lsn]);
      return replay.rows[0]!.caught_up;
    });
  }, 180_000);

  afterAll(async () => {
    await replica?.close();
    await closePrimary?.();
    // Standby first, so the primary's shutdown does not wait on its WAL sender.
    for (const dataDir of started.reverse()) await pg("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]).catch((error: unknown) => console.warn(`could not stop ${dataDir}: ${String(error)}`));
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  const read = (): ReadDb => replica!.db;

  it("is a standby in recovery, not a second primary", async () => {
    const { rows } = await replica!.pool.query<{ recovering: boolean }>("SELECT pg_is_in_recovery() AS recovering");
    expect(rows[0]!.recovering).toBe(true);
  });

  it("serves the alignment tree, its first paint and the graph with the primary's data", async () => {
    const fromReplica = await loadTreeJson(world.orgId, world.cycleId, read());
    expect(fromReplica).toBe(await loadTreeJson(world.orgId, world.cycleId, primary!));
    expect(fromReplica).toContain(world.teamObjectiveTitle);

    const preview = await loadTreePreview(world.orgId, world.cycleId, read());
    expect(preview.map((o) => [o.title, o.keyResults.map((k) => k.title)])).toEqual([["Customers love the product", ["NPS above 50"]]]);

    const graph = await loadGraph(world.orgId, world.companyId, read());
    expect(graph.objectives.map((o) => o.title).sort()).toEqual(["Customers love the product", world.teamObjectiveTitle].sort());
  });

  it("serves the review and its exports with the primary's data", async () => {
    const cycle = await primary!.cycle.findUniqueOrThrow({ where: { id: world.cycleId }, select: { id: true, name: true, state: true, startDate: true, endDate: true } });
    const since = new Date(Date.UTC(2026, 9, 26));
    const now = new Date(Date.UTC(2026, 10, 6));
    const fromReplica = await loadReview(world.orgId, cycle, since, null, { now, db: read() });
    expect(fromReplica).toEqual(await loadReview(world.orgId, cycle, since, null, { now, db: primary! }));
    expect(fromReplica.teams.map((t) => t.name)).toContain("Platform");

    for (const section of ["key-results", "teams", "changes"] as const) {
      const query = { cycle: world.cycleId, since: "2026-10-26", section };
      const replicaCsv = await (await reviewCsvResponse(world.orgId, query, read())).text();
      expect(replicaCsv, section).toBe(await (await reviewCsvResponse(world.orgId, query, primary!)).text());
    }
    const keyResults = await (await reviewCsvResponse(world.orgId, { cycle: world.cycleId, since: "2026-10-26", section: "key-results" }, read())).text();
    expect(keyResults).toContain("NPS above 50");
    expect(keyResults).toContain("p95 under 1 s");
  });

  it("sees a later write on the primary once the standby has replayed it", async () => {
    await primary!.objective.update({ where: { id: world.companyId }, data: { title: "Customers love the product, measured" } });
    await until("the rename to reach the standby", async () => (await loadTreeJson(world.orgId, world.cycleId, read())).includes("Customers love the product, measured"));
  });

  it("refuses every write, so nothing can write through the read pool", async () => {
    const attempt = replica!.pool.query("UPDATE organizations SET name = 'Changed on the replica' WHERE id = $1", [world.orgId]);
    await expect(attempt).rejects.toMatchObject({ code: "25006" });
    const prismaWrite = (replica!.db as Client).organization.update({ where: { id: world.orgId }, data: { name: "Changed on the replica" } });
    await expect(prismaWrite).rejects.toThrow(/read-only transaction/);
    expect((await primary!.organization.findUniqueOrThrow({ where: { id: world.orgId } })).name).toBe("Replica Ltd");
  });
});
