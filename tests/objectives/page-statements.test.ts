import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveActor } from "@/lib/auth/actor";
import { getMyWeek } from "@/lib/checkins/queries";
import { mondayOf } from "@/lib/dates/week";
import { pool } from "@/lib/db/pool";
import { db } from "@/lib/db/prisma";
import { loadHome } from "@/lib/objectives/list";
import { getObjectivePage } from "@/lib/objectives/queries";
import { createCheckIn, createKeyResult, createObjective } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";

// Prisma reaches Postgres through the same pool, so counting pool.query counts every statement a read sends.
let world: World;
let objectiveId: string;

beforeAll(async () => {
  world = await createWorld();
  const company = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.owner.id, level: "company" });
  const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: world.team.id, parentObjectiveId: company.id });
  objectiveId = objective.id;
  for (let i = 0; i < 3; i++) {
    const kr = await createKeyResult(db, world.org.id, { objectiveId, ownerId: world.member.id, start: 0, target: 100 });
    await createCheckIn(db, world.org.id, { keyResultId: kr.id, authorId: world.member.id, week: mondayOf(new Date()), value: 10 * (i + 1) });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function statementsOf(read: () => Promise<unknown>): Promise<number> {
  const query = vi.spyOn(pool, "query");
  await read();
  const count = query.mock.calls.length;
  query.mockRestore();
  return count;
}

describe("one round trip per page", () => {
  it("resolves the member and their organisation's cycles in one statement", async () => {
    let actor: Awaited<ReturnType<typeof resolveActor>> = null;
    expect(await statementsOf(async () => (actor = await resolveActor(world.member.id, { via: "session", sessionVersion: 0 })))).toBe(1);
    expect(actor!.cycles).toEqual({ cycles: [expect.objectContaining({ id: world.cycle.id, state: "active" })], defaultCycleId: world.cycle.id });
  });

  it("reads My week, the objective page and home in one statement each", async () => {
    const actor = (await resolveActor(world.member.id, { via: "session", sessionVersion: 0 }))!;
    let keyResults = 0;
    expect(await statementsOf(async () => (keyResults = (await getMyWeek(actor)).objectives.flatMap((o) => o.keyResults).length))).toBe(1);
    expect(keyResults).toBe(3);

    let page: Awaited<ReturnType<typeof getObjectivePage>> | undefined;
    expect(await statementsOf(async () => (page = await getObjectivePage(world.org.id, objectiveId)))).toBe(1);
    expect(page!.objective.keyResults).toHaveLength(3);
    expect(page!.chain).toHaveLength(1);
    expect(page!.checkIns).toHaveLength(3);

    let shown = 0;
    expect(await statementsOf(async () => (shown = (await loadHome(world.org.id, world.cycle.id, world.member.id)).cycle!.items.length))).toBe(1);
    expect(shown).toBe(2);
  });
});
