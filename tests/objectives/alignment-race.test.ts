import { beforeAll, describe, expect, it } from "vitest";
import { PUT as putAlignment } from "@/app/api/v1/objectives/[id]/alignment/route";
import { POST as move } from "@/app/api/v1/objectives/[id]/move/route";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCycle, createKeyResult, createObjective } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

let world: World;
let adminToken: string;

beforeAll(async () => {
  world = await createWorld();
  adminToken = (await createApiToken(db, world.org.id, world.admin.id)).secret;
});

const align = (id: string, body: Record<string, unknown>) => callApi(putAlignment, { method: "PUT", path: "/x", token: adminToken, params: { id }, body: { version: 1, ...body } });

/** The objective directly above, whichever way the alignment is expressed. */
async function parentsOf(ids: string[]): Promise<Map<string, string | null>> {
  const rows = await db.objective.findMany({ where: { organizationId: world.org.id, id: { in: ids } }, select: { id: true, parentObjectiveId: true, parentKeyResult: { select: { objectiveId: true } } } });
  return new Map(rows.map((r) => [r.id, r.parentObjectiveId ?? r.parentKeyResult?.objectiveId ?? null]));
}

describe("aligning two objectives under each other at the same moment", () => {
  // A few rounds, because a race that is lost once may be won by chance the next time.
  it("lets exactly one through and never leaves a loop", async () => {
    for (let round = 0; round < 5; round++) {
      const x = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: `X ${round}` });
      const y = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: `Y ${round}` });

      const results = await Promise.all([align(x.id, { parentObjectiveId: y.id }), align(y.id, { parentObjectiveId: x.id })]);

      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      const refused = results.find((r) => r.status === 422)!;
      expect(refused.json).toMatchObject({ errors: [{ field: "parentObjectiveId", message: expect.stringMatching(/loop/) }] });
      const parents = await parentsOf([x.id, y.id]);
      expect([parents.get(x.id), parents.get(y.id)].filter(Boolean)).toHaveLength(1);
    }
  });

  it("also when one of them aligns through a key result", async () => {
    for (let round = 0; round < 5; round++) {
      const x = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: `KR X ${round}` });
      const y = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: `KR Y ${round}` });
      const yMeasure = await createKeyResult(db, world.org.id, { objectiveId: y.id, title: `Y measure ${round}`, target: 10 });

      const results = await Promise.all([align(x.id, { parentKeyResultId: yMeasure.id }), align(y.id, { parentObjectiveId: x.id })]);

      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      const parents = await parentsOf([x.id, y.id]);
      expect([parents.get(x.id), parents.get(y.id)].filter(Boolean)).toHaveLength(1);
    }
  });
});

// Reordering takes a lock of the same kind (per cycle), for the same reason: moves read their neighbours first.
describe("moving objectives of one list at the same moment", () => {
  const moveOne = (id: string, direction: "up" | "down") => callApi(move, { method: "POST", path: "/x", token: adminToken, params: { id }, body: { direction } });
  const orderOf = (cycleId: string) =>
    db.objective.findMany({ where: { cycleId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }], select: { id: true, position: true } });

  it("never leaves two objectives on one position when two moves share a neighbour", async () => {
    for (let round = 0; round < 5; round++) {
      const cycle = await createCycle(db, world.org.id);
      const [a, , c] = await Promise.all(
        [0, 1, 2].map((position) => createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, teamId: world.team.id, position })),
      );

      const results = await Promise.all([moveOne(a!.id, "down"), moveOne(c!.id, "up")]);

      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const positions = (await orderOf(cycle.id)).map((o) => o.position);
      expect(new Set(positions).size).toBe(3);
    }
  });

  it("separates positions two objectives share, so the move is seen", async () => {
    const cycle = await createCycle(db, world.org.id);
    for (let i = 0; i < 4; i++) await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, position: 0 });
    const shown = (await orderOf(cycle.id)).map((o) => o.id);

    expect((await moveOne(shown[2]!, "up")).status).toBe(200);

    const after = await orderOf(cycle.id);
    expect(after.map((o) => o.id)).toEqual([shown[0], shown[2], shown[1], shown[3]]);
    expect(new Set(after.map((o) => o.position)).size).toBe(4);
  });
});
