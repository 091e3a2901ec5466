import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postCheckIn } from "@/app/api/v1/check-ins/route";
import { resolveActor } from "@/lib/auth/actor";
import { closeCycle } from "@/lib/cycles/mutations";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCycle, createKeyResult, createObjective } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

let world: World;
let token: string;
let other: pg.Client;

beforeAll(async () => {
  world = await createWorld();
  token = (await createApiToken(db, world.org.id, world.member.id)).secret;
  other = new pg.Client(poolConfigFromUrl(process.env.DATABASE_URL!));
  await other.connect();
});

afterAll(async () => {
  await other.end();
});

async function keyResultIn(cycleId: string) {
  const objective = await createObjective(db, world.org.id, { cycleId, ownerId: world.lead.id, teamId: world.team.id });
  return createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, start: 0, target: 100, direction: "increase", type: "number" });
}

const checkIn = (keyResultId: string, value: string) =>
  callApi(postCheckIn, { method: "POST", path: "/api/v1/check-ins", token, body: { keyResultId, value, confidence: "on_track" } });

/** Waits (by asking Postgres, not by sleeping) until some session of this database waits for a lock. */
async function untilSomeoneWaitsForALock() {
  const watcher = new pg.Client(poolConfigFromUrl(process.env.DATABASE_URL!));
  await watcher.connect();
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await watcher.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
      if (rows[0].n > 0) return;
      if (Date.now() > deadline) throw new Error("nobody queued behind the lock");
    }
  } finally {
    await watcher.end();
  }
}

describe("what a check-in locks", () => {
  it("does not wait for the cycle's row: every check-in of the organisation would share that lock", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "active" });
    const kr = await keyResultIn(cycle.id);
    await other.query("BEGIN");
    try {
      // Conflicts with the key-share lock check-ins used to take on the cycle.
      await other.query("SELECT id FROM cycles WHERE id = $1 FOR UPDATE", [cycle.id]);
      const res = await checkIn(kr.id, "40");
      expect(res.status).toBe(201);
    } finally {
      await other.query("ROLLBACK");
    }
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: kr.id }, select: { currentValue: true } })).currentValue.toString()).toBe("40");
  });

  it("still never lands in a cycle that has just closed: the close waits for a check-in in flight, and later ones are refused", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "active" });
    const kr = await keyResultIn(cycle.id);
    const admin = (await resolveActor(world.admin.id, { via: "session", organizationId: world.org.id }))!;
    // A check-in in flight holds its key result's row.
    await other.query("BEGIN");
    await other.query("SELECT id FROM key_results WHERE id = $1 FOR UPDATE", [kr.id]);
    const closing = closeCycle(admin, cycle.id);
    await untilSomeoneWaitsForALock();
    await other.query("COMMIT");
    expect((await closing).state).toBe("closed");

    const res = await checkIn(kr.id, "50");
    expect(res.status).toBe(409);
    expect(await db.checkIn.count({ where: { keyResultId: kr.id } })).toBe(0);
  });
});
