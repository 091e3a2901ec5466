import { beforeAll, describe, expect, it } from "vitest";
import { POST as postInitiative } from "@/app/api/v1/initiatives/route";
import { DELETE as deleteInitiative, GET as getInitiative, PATCH as patchInitiative } from "@/app/api/v1/initiatives/[id]/route";
import { GET as listInitiatives } from "@/app/api/v1/key-results/[id]/initiatives/route";
import { POST as postKeyResult } from "@/app/api/v1/key-results/route";
import { POST as postCheckIn } from "@/app/api/v1/check-ins/route";
import { createInitiativeAction, updateInitiativeAction } from "@/app/(app)/objectives/actions";
import { db } from "@/lib/db/prisma";
import { teamInitiativeTally } from "@/lib/initiatives/queries";
import { createApiToken, createCycle, createKeyResult, createObjective } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  world = await createWorld();
  for (const role of ["admin", "lead", "member", "viewer"] as const) tokens[role] = (await createApiToken(db, world.org.id, world[role].id)).secret;
});

const post = (token: string, body: unknown) => callApi(postInitiative, { method: "POST", path: "/api/v1/initiatives", token, body });
const patch = (token: string, id: string, body: unknown) => callApi(patchInitiative, { method: "PATCH", path: "/x", token, params: { id }, body });
const errorsOf = (json: unknown) => (json as { errors?: { field: string; message: string }[] }).errors ?? [];

async function teamObjective(ownerId = world.member.id, cycleId = world.cycle.id) {
  return createObjective(db, world.org.id, { cycleId, ownerId, teamId: world.team.id, title: "Make onboarding self-serve" });
}

describe("initiatives under a key result", () => {
  it("are added, listed in order, changed and removed through API v1, each with an audit event", async () => {
    const objective = await teamObjective();
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Activation to 60%", target: 60, ownerId: world.member.id });
    const first = await post(tokens.member!, { keyResultId: kr.id.toUpperCase(), title: "Guided setup wizard", dueDate: "2027-01-15", url: "https://tracker.example.com/KEEL-12" });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ keyResultId: kr.id, ownerId: world.member.id, status: "planned", dueDate: "2027-01-15", url: "https://tracker.example.com/KEEL-12", position: 0, version: 1 });
    const second = await post(tokens.lead!, { keyResultId: kr.id, title: "Empty states that teach", ownerId: world.lead.id, status: "in_progress" });
    expect(second.json).toMatchObject({ ownerId: world.lead.id, position: 1, dueDate: null, url: null });

    const list = await callApi(listInitiatives, { path: "/x", token: tokens.viewer, params: { id: kr.id } });
    expect((list.json as { data: { title: string }[] }).data.map((i) => i.title)).toEqual(["Guided setup wizard", "Empty states that teach"]);

    const id = (first.json as { id: string }).id;
    const done = await patch(tokens.member!, id, { version: 1, status: "done", dueDate: null });
    expect(done.json).toMatchObject({ status: "done", dueDate: null, version: 2 });
    expect((await patch(tokens.member!, id, { version: 1, title: "Stale" })).status).toBe(409);

    // Not part of progress unless the key result counts initiatives.
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: kr.id } })).progress.toString()).toBe("0");

    const removed = await callApi(deleteInitiative, { method: "DELETE", path: "/x?version=2", token: tokens.member, params: { id } });
    expect(removed.status).toBe(204);
    expect((await callApi(getInitiative, { path: "/x", token: tokens.member, params: { id } })).status).toBe(404);
    const actions = await db.auditEvent.findMany({ where: { organizationId: world.org.id, entityId: id }, orderBy: { createdAt: "asc" }, select: { action: true, entityType: true } });
    expect(actions).toEqual([
      { action: "initiative.created", entityType: "initiative" },
      { action: "initiative.updated", entityType: "initiative" },
      { action: "initiative.deleted", entityType: "initiative" },
    ]);
  });

  it("refuse bad input field by field and write nothing", async () => {
    const objective = await teamObjective();
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, target: 10 });
    const before = await db.initiative.count({ where: { organizationId: world.org.id } });
    const bad = await post(tokens.member!, { keyResultId: kr.id, title: "x\u0000y", dueDate: "2027-02-30", url: "javascript:alert(1)", status: "finished" });
    expect(bad.status).toBe(422);
    expect(errorsOf(bad.json).map((e) => e.field).sort()).toEqual(["dueDate", "status", "title", "url"]);
    const stranger = await post(tokens.member!, { keyResultId: kr.id, title: "Owned by a viewer", ownerId: world.viewer.id });
    expect(stranger.status).toBe(422);
    expect(errorsOf(stranger.json)[0]?.field).toBe("ownerId");
    expect(await db.initiative.count({ where: { organizationId: world.org.id } })).toBe(before);
  });

  it("may be changed by their owner, who need not own the key result, but not by other members or viewers", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "Company goal" });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.admin.id, target: 10 });
    expect((await post(tokens.member!, { keyResultId: kr.id, title: "Not mine to add" })).status).toBe(403);
    const created = await post(tokens.admin!, { keyResultId: kr.id, title: "Given to the member", ownerId: world.member.id });
    const id = (created.json as { id: string }).id;
    expect((await patch(tokens.member!, id, { version: 1, status: "in_progress" })).json).toMatchObject({ status: "in_progress" });
    expect((await patch(tokens.lead!, id, { version: 2, status: "done" })).status).toBe(403);
    expect((await patch(tokens.viewer!, id, { version: 2, status: "done" })).status).toBe(403);
  });

  it("make an initiatives-done key result's progress: done out of those not dropped, with its objective's, in the same change", async () => {
    const objective = await teamObjective();
    const created = await callApi(postKeyResult, { method: "POST", path: "/x", token: tokens.member, body: { objectiveId: objective.id, title: "Ship the three onboarding pieces", type: "initiatives" } });
    expect(created.json).toMatchObject({ type: "initiatives", startValue: "0", targetValue: "0", currentValue: "0", progress: "0" });
    const krId = (created.json as { id: string }).id;
    const ids: string[] = [];
    for (const title of ["Wizard", "Templates", "Import"]) ids.push(((await post(tokens.member!, { keyResultId: krId, title })).json as { id: string }).id);
    await patch(tokens.member!, ids[0]!, { version: 1, status: "done" });
    let kr = await db.keyResult.findUniqueOrThrow({ where: { id: krId } });
    expect([kr.currentValue.toString(), kr.targetValue.toString(), kr.progress.toString()]).toEqual(["1", "3", "33.3333"]);
    await patch(tokens.member!, ids[2]!, { version: 1, status: "dropped" });
    kr = await db.keyResult.findUniqueOrThrow({ where: { id: krId } });
    expect([kr.currentValue.toString(), kr.targetValue.toString(), kr.progress.toString()]).toEqual(["1", "2", "50"]);
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).progress.toString()).toBe("50");

    // A check-in keeps the count: confidence and note move, a different value is refused with what to send.
    const checkIn = (value: string) => callApi(postCheckIn, { method: "POST", path: "/x", token: tokens.member, body: { keyResultId: krId, value, confidence: "at_risk", note: "Templates slipping" } });
    const refused = await checkIn("2");
    expect(refused.status).toBe(422);
    expect(errorsOf(refused.json)[0]).toMatchObject({ field: "value" });
    expect(errorsOf(refused.json)[0]?.message).toContain("check in with 1");
    expect((await checkIn("1")).status).toBe(201);
    kr = await db.keyResult.findUniqueOrThrow({ where: { id: krId } });
    expect([kr.confidence, kr.progress.toString()]).toEqual(["at_risk", "50"]);
  });

  it("are counted for the team page, with the overdue ones", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "active" });
    const objective = await teamObjective(world.member.id, cycle.id);
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, target: 10 });
    await post(tokens.member!, { keyResultId: kr.id, title: "Late and open", dueDate: "2027-01-01" });
    await post(tokens.member!, { keyResultId: kr.id, title: "Late but done", dueDate: "2027-01-01", status: "done" });
    await post(tokens.member!, { keyResultId: kr.id, title: "Due later", dueDate: "2027-03-01" });
    expect(await teamInitiativeTally(world.org.id, world.team.id, cycle.id, "2027-02-01")).toEqual({ total: 3, done: 1, dropped: 0, overdue: 1 });
  });

  it("take their changes from the page's form actions, and refuse a closed cycle", async () => {
    const objective = await teamObjective();
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, target: 10 });
    signInAs(world.member.id);
    const form = new FormData();
    form.set("keyResultId", kr.id);
    form.set("title", "From the page");
    form.set("dueDate", "");
    form.set("url", "");
    form.set("ownerId", "");
    const added = await createInitiativeAction({ status: "idle" }, form);
    expect(added).toMatchObject({ status: "success", message: "Initiative “From the page” added" });
    const id = (await db.initiative.findFirstOrThrow({ where: { keyResultId: kr.id } })).id;

    await db.cycle.update({ where: { id: world.cycle.id }, data: { state: "closed" } });
    try {
      const update = new FormData();
      update.set("initiativeId", id);
      update.set("version", "1");
      update.set("status", "done");
      expect(await updateInitiativeAction({ status: "idle" }, update)).toMatchObject({ status: "error", code: "conflict" });
      expect((await db.initiative.findUniqueOrThrow({ where: { id } })).status).toBe("planned");
    } finally {
      await db.cycle.update({ where: { id: world.cycle.id }, data: { state: "active" } });
    }
  });
});
