import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { loadGraph } from "@/lib/tree/graph";
import { createCycle, createKeyResult, createMember, createObjective, createOrganization } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});

const byTitle = (graph: Awaited<ReturnType<typeof loadGraph>>) => new Map(graph.objectives.map((n) => [n.title, n]));

describe("the subtree graph", () => {
  it("holds the objective and everything aligned beneath it, to it or to its key results, with their parents", async () => {
    const cycle = await createCycle(db, world.org.id);
    const root = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Root" });
    const revenue = await createKeyResult(db, world.org.id, { objectiveId: root.id, title: "Revenue", target: 100 });
    const direct = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Direct", parentObjectiveId: root.id });
    const viaKr = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Via KR", parentKeyResultId: revenue.id });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, level: "personal", title: "Grandchild", parentObjectiveId: viaKr.id });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Other root" });
    const sibling = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Sibling" });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Under the sibling", parentObjectiveId: sibling.id });

    const graph = await loadGraph(world.org.id, root.id);
    expect(graph.cycleId).toBe(cycle.id);
    expect(graph.rootId).toBe(root.id);
    const nodes = byTitle(graph);
    expect([...nodes.keys()].sort()).toEqual(["Direct", "Grandchild", "Root", "Via KR"]);
    expect(nodes.get("Root")).toMatchObject({ parentId: null, viaKeyResultId: null, team: null, confidence: null, state: "active" });
    expect(nodes.get("Direct")).toMatchObject({ id: direct.id, parentId: root.id, viaKeyResultId: null, team: world.team.name });
    expect(nodes.get("Via KR")).toMatchObject({ parentId: root.id, viaKeyResultId: revenue.id });
    expect(nodes.get("Grandchild")).toMatchObject({ parentId: viaKr.id, viaKeyResultId: null, owner: world.member.name });
    // Only the key result something hangs under becomes a node of its own.
    expect(graph.keyResults).toEqual([{ id: revenue.id, objectiveId: root.id, title: "Revenue", progress: 0 }]);
  });

  it("gives each objective the worst confidence of its key results", async () => {
    const cycle = await createCycle(db, world.org.id);
    const root = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Worried" });
    const calm = await createKeyResult(db, world.org.id, { objectiveId: root.id, title: "Calm" });
    const risky = await createKeyResult(db, world.org.id, { objectiveId: root.id, title: "Risky" });
    await db.keyResult.update({ where: { id: calm.id }, data: { confidence: "on_track" } });
    await db.keyResult.update({ where: { id: risky.id }, data: { confidence: "at_risk" } });
    const graph = await loadGraph(world.org.id, root.id);
    expect(graph.objectives[0]).toMatchObject({ title: "Worried", confidence: "at_risk" });
    expect(graph.keyResults).toEqual([]);
  });

  it("starts from an aligned objective without its parent, which is outside the subtree", async () => {
    const cycle = await createCycle(db, world.org.id);
    const top = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Top" });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: top.id, title: "Top measure" });
    const middle = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Middle", parentKeyResultId: kr.id });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, level: "personal", title: "Bottom", parentObjectiveId: middle.id });

    const nodes = byTitle(await loadGraph(world.org.id, middle.id));
    expect([...nodes.keys()].sort()).toEqual(["Bottom", "Middle"]);
    expect(nodes.get("Middle")).toMatchObject({ parentId: null, viaKeyResultId: null });
    expect(nodes.get("Bottom")!.parentId).toBe(middle.id);
  });

  it("does not find another organisation's objective, nor follow alignment into another organisation", async () => {
    const other = await createOrganization(db);
    const owner = await createMember(db, other.id, "owner");
    const theirCycle = await createCycle(db, other.id);
    const theirs = await createObjective(db, other.id, { cycleId: theirCycle.id, ownerId: owner.id, title: "Their plan" });
    await expect(loadGraph(world.org.id, theirs.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(loadGraph(world.org.id, "0195d3a0-0000-7000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });

    const cycle = await createCycle(db, world.org.id);
    const ours = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Ours" });
    // A row pointing across organisations cannot be written at all any more (the composite foreign keys of
    // tests/db/tenant-foreign-keys.test.ts), so nothing can pull their objective into our graph.
    await expect(createObjective(db, other.id, { cycleId: theirCycle.id, ownerId: owner.id, title: "Their stray", parentObjectiveId: ours.id })).rejects.toMatchObject({ code: "P2003" });
    expect((await loadGraph(world.org.id, ours.id)).objectives.map((n) => n.title)).toEqual(["Ours"]);
  });

  it("cuts a deep chain at 32 levels below the root", async () => {
    const cycle = await createCycle(db, world.org.id);
    const root = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Chain 0" });
    let parentId = root.id;
    for (let depth = 1; depth <= 35; depth++) {
      parentId = (await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: `Chain ${depth}`, parentObjectiveId: parentId })).id;
    }

    const nodes = byTitle(await loadGraph(world.org.id, root.id));
    expect(nodes.size).toBe(33);
    expect(nodes.has("Chain 32")).toBe(true);
    expect(nodes.has("Chain 33")).toBe(false);
    expect(nodes.get("Chain 32")!.parentId).toBe(nodes.get("Chain 31")!.id);
  });

  it("ends on a loop in the alignment instead of recursing forever", async () => {
    const cycle = await createCycle(db, world.org.id);
    const a = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Loop A" });
    const b = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Loop B", parentObjectiveId: a.id });
    await db.objective.update({ where: { id: a.id }, data: { parentObjectiveId: b.id } });

    const nodes = byTitle(await loadGraph(world.org.id, a.id));
    expect([...nodes.keys()].sort()).toEqual(["Loop A", "Loop B"]);
    expect(nodes.get("Loop A")!.parentId).toBeNull();
    expect(nodes.get("Loop B")!.parentId).toBe(a.id);
  });
});
