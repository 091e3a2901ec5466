import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { poolConfigFromUrl, withDatabase } from "@/lib/db/connection";
import { quoteIdent, withAdminClient } from "../setup/databases";
import { hasPgBouncer, PGBOUNCER_BIN, startPgBouncer, type RunningPgBouncer } from "../helpers/pgbouncer";

/**
 * Keel behind a real PgBouncer 1.18 in transaction pooling mode with KEEL_PGBOUNCER=1: each statement outside a
 * transaction may run on another server connection, and PgBouncer passes on no protocol-level prepared statements
 * and no startup `options`. Two server connections serve more client connections than that throughout.
 */
const direct = process.env.DATABASE_URL!;
const database = poolConfigFromUrl(direct).database!;
const latin1 = `${database}_latin1`;
const original = { DATABASE_URL: process.env.DATABASE_URL, KEEL_PGBOUNCER: process.env.KEEL_PGBOUNCER };

let bouncer: RunningPgBouncer | null = null;
if (hasPgBouncer) {
  await withAdminClient(direct, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(latin1)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(latin1)} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`);
  });
  bouncer = await startPgBouncer(
    direct,
    [
      { alias: "keel", database, poolSize: 2 },
      { alias: "latin1", database: latin1, poolSize: 1 },
    ],
    process.env.KEEL_TEST_PGBOUNCER_PORT ? Number(process.env.KEEL_TEST_PGBOUNCER_PORT) : undefined,
  );
  // Before any module below reads the environment: Keel's pool, Prisma and the actor query are built from it.
  process.env.DATABASE_URL = bouncer.url("keel");
  process.env.KEEL_PGBOUNCER = "1";
}

const { actorQuery, resolveActor } = await import("@/lib/auth/actor");
const { recordCheckIn } = await import("@/lib/checkins/mutations");
const { batchTransaction, sql } = await import("@/lib/db/batch");
const { pool } = await import("@/lib/db/pool");
const { poolOptions } = await import("@/lib/db/pool-options");
const { db } = await import("@/lib/db/prisma");
const { startJobs, stopJobs } = await import("@/lib/jobs/boss");
const { createKeyResult, createObjective } = await import("@/prisma/factories");
const { createWorld } = await import("../helpers/world");

afterAll(async () => {
  await stopJobs();
  await pool.end();
  await bouncer?.stop();
  Object.assign(process.env, original);
  if (bouncer) await withAdminClient(direct, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(latin1)} WITH (FORCE)`));
});

async function client(alias = "keel"): Promise<pg.Client> {
  const c = new pg.Client(poolConfigFromUrl(bouncer!.url(alias)));
  await c.connect();
  return c;
}

describe.skipIf(!hasPgBouncer)(`Keel behind PgBouncer in transaction pooling mode${hasPgBouncer ? "" : ` (skipped: ${PGBOUNCER_BIN} is not installed)`}`, () => {
  it("loses a named prepared statement when the next statement gets another server connection; the unnamed one Keel sends instead works", async () => {
    const { member } = await createWorld();
    const values = [member.id, null, null];
    const [holder, asker, other] = await Promise.all([client(), client(), client()]);
    try {
      // With two server connections, the holder's open transaction keeps one; the asker's first statement runs on
      // the other, which a second transaction then takes, so the asker's next statement lands where it never ran.
      const run = async (config: pg.QueryConfig) => {
        await holder.query("BEGIN");
        await asker.query(config);
        await other.query("BEGIN");
        await holder.query("COMMIT");
        try {
          return await asker.query(config);
        } finally {
          await other.query("COMMIT");
        }
      };
      await expect(run(actorQuery(values, false))).rejects.toThrow(/prepared statement "keel-resolve-actor" does not exist/);
      const { rows } = await run(actorQuery(values, true));
      expect(rows).toMatchObject([{ id: member.id, email: member.email }]);
    } finally {
      await Promise.all([holder.end(), asker.end(), other.end()]);
    }
  });

  it("resolves actors many times over more client connections than server connections", async () => {
    const world = await createWorld();
    const people = [world.owner, world.admin, world.lead, world.member, world.viewer];
    const actors = await Promise.all(Array.from({ length: 100 }, (_, i) => resolveActor(people[i % people.length]!.id, { via: "session", sessionVersion: 0 })));
    actors.forEach((actor, i) => expect(actor).toMatchObject({ userId: people[i % people.length]!.id, orgId: world.org.id }));
    expect(actors[2]!.ledTeamIds).toEqual(new Set([world.team.id]));
    expect(pool.totalCount).toBeGreaterThan(2);
    const admin = await client("pgbouncer");
    try {
      // PgBouncer's own count: the clients it holds for the database against the server connections it opened.
      const { rows } = await admin.query<Record<string, string>>("SHOW POOLS");
      const keel = rows.find((row) => row.database === "keel")!;
      const servers = ["sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login"].reduce((sum, column) => sum + Number(keel[column]), 0);
      expect(servers).toBeLessThanOrEqual(2);
      expect(Number(keel.cl_active) + Number(keel.cl_waiting)).toBeGreaterThan(2);
    } finally {
      await admin.end();
    }
  });

  it("writes a check-in through the domain function (Prisma reads, one batch transaction)", async () => {
    const world = await createWorld();
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: world.team.id });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, start: 0, target: 100 });
    const actor = (await resolveActor(world.member.id, { via: "session", sessionVersion: 0 }))!;
    await recordCheckIn(actor, { keyResultId: kr.id, value: "40", confidence: "on_track", note: "through pgbouncer" });
    const saved = await db.keyResult.findUniqueOrThrow({ where: { id: kr.id }, select: { currentValue: true, checkIns: { select: { note: true } } } });
    expect(Number(saved.currentValue)).toBe(40);
    expect(saved.checkIns).toEqual([{ note: "through pgbouncer" }]);
  });

  it("keeps an interactive transaction on one server connection across its round trips, and rolls it back whole", async () => {
    const world = await createWorld();
    const seen = await db.$transaction(async (tx) => {
      const first = await tx.$queryRaw<{ pid: number; xid: string }[]>`SELECT pg_backend_pid() AS pid, txid_current()::text AS xid`;
      await tx.organization.update({ where: { id: world.org.id }, data: { name: "Renamed inside" } });
      // Other clients keep the second server connection busy meanwhile.
      await Promise.all(Array.from({ length: 20 }, () => db.$queryRaw`SELECT pg_backend_pid()`));
      const second = await tx.$queryRaw<{ pid: number; xid: string }[]>`SELECT pg_backend_pid() AS pid, txid_current()::text AS xid`;
      const name = await tx.organization.findUniqueOrThrow({ where: { id: world.org.id }, select: { name: true } });
      return { first: first[0]!, second: second[0]!, name: name.name };
    });
    expect(seen.second).toEqual(seen.first);
    expect(seen.name).toBe("Renamed inside");

    const failed = db.$transaction(async (tx) => {
      await tx.organization.update({ where: { id: world.org.id }, data: { name: "Never committed" } });
      await Promise.all(Array.from({ length: 20 }, () => db.$queryRaw`SELECT 1`));
      throw new Error("changed my mind");
    });
    await expect(failed).rejects.toThrow("changed my mind");
    expect((await db.organization.findUniqueOrThrow({ where: { id: world.org.id } })).name).toBe("Renamed inside");

    const [rows] = await batchTransaction((tx) => tx.run(sql`SELECT current_setting('lock_timeout') AS lock_timeout`));
    expect(rows).toEqual([{ lock_timeout: "10s" }]);
  });

  it("gives Keel's connections UTF-8 on a LATIN1 database, directly and on a server connection another client set to LATIN1", async () => {
    const encoding = async (c: pg.Pool | pg.Client) => (await c.query<{ client_encoding: string }>("SHOW client_encoding")).rows[0]!.client_encoding;
    const directly = new pg.Pool(poolConfigFromUrl(withDatabase(direct, latin1), poolOptions({})));
    const throughBouncer = new pg.Pool(poolConfigFromUrl(bouncer!.url("latin1"), poolOptions({ KEEL_PGBOUNCER: "1" })));
    // PgBouncer gives this database one server connection, so both clients share it.
    const other = await client("latin1");
    try {
      expect(await encoding(directly)).toBe("UTF8");
      await other.query("SET client_encoding = 'LATIN1'");
      expect(await encoding(other)).toBe("LATIN1");
      expect(await encoding(throughBouncer)).toBe("UTF8");
      expect(await encoding(other)).toBe("LATIN1");
      expect((await throughBouncer.query<{ word: string }>("SELECT 'Zürich'::text AS word")).rows[0]!.word).toBe("Zürich");
    } finally {
      await Promise.all([directly.end(), throughBouncer.end(), other.end()]);
    }
  });

  it("runs the job queue: start (migrations, schedules, workers), send, work, stop", async () => {
    const { boss } = await startJobs({ mailer: null });
    const errors: unknown[] = [];
    boss.on("error", (error) => errors.push(error));
    expect((await boss.getSchedules()).map((s) => s.name)).toContain("checkin-reminders");
    const queue = `keel-pgbouncer-${Date.now()}`;
    await boss.createQueue(queue);
    const done: unknown[] = [];
    await boss.work<{ n: number }>(queue, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      done.push(job!.data);
    });
    await Promise.all([1, 2, 3].map((n) => boss.send(queue, { n })));
    await expect.poll(() => done.length, { timeout: 20_000, interval: 100 }).toBe(3);
    expect(done).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }, { n: 3 }]));
    await stopJobs();
    expect(errors).toEqual([]);
  });
});
