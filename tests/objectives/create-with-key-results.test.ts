import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createObjectiveAction } from "@/app/(app)/objectives/actions";
import * as objectivesRoute from "@/app/api/v1/objectives/route";
import { db } from "@/lib/db/prisma";
import { createApiToken, createMember, createOrganization } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
beforeEach(() => signInAs(null));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
const idle = { status: "idle" } as const;

describe("an objective written with its key results", () => {
  it("creates the objective and every key result row in one go, one audit event each", async () => {
    signInAs(world.member.id);
    const state = await createObjectiveAction(
      idle,
      form({
        cycleId: world.cycle.id,
        level: "personal",
        title: "Ship the onboarding guide",
        "keyResults.0.title": "Guides read",
        "keyResults.0.type": "number",
        "keyResults.0.startValue": "0",
        "keyResults.0.targetValue": "40",
        "keyResults.1.title": "Activation rate",
        "keyResults.1.type": "percent",
        "keyResults.1.startValue": "20",
        "keyResults.1.targetValue": "35",
        "keyResults.1.unit": "%",
        "keyResults.2.title": "Launch steps",
        "keyResults.2.type": "milestone",
        "keyResults.2.milestones": "Draft\nReview\nPublish",
        "keyResults.2.ownerId": world.lead.id,
      }),
    );
    expect(state).toMatchObject({ status: "success", message: "“Ship the onboarding guide” created with 3 key results" });
    if (state.status !== "success") return;
    const krs = await db.keyResult.findMany({ where: { objectiveId: state.data.id }, orderBy: { position: "asc" } });
    expect(krs.map((k) => [k.title, k.type, k.targetValue.toString(), k.position, k.ownerId])).toEqual([
      ["Guides read", "number", "40", 0, world.member.id],
      ["Activation rate", "percent", "35", 1, world.member.id],
      ["Launch steps", "milestone", "3", 2, world.lead.id],
    ]);
    const audits = await db.auditEvent.findMany({ where: { organizationId: world.org.id, entityId: { in: [state.data.id, ...krs.map((k) => k.id)] } } });
    expect(audits.map((a) => a.action).sort()).toEqual(["keyresult.created", "keyresult.created", "keyresult.created", "objective.created"]);
  });

  it("writes nothing when one row is wrong, and names the row and field", async () => {
    signInAs(world.member.id);
    const before = await db.objective.count({ where: { organizationId: world.org.id } });
    const state = await createObjectiveAction(
      idle,
      form({
        cycleId: world.cycle.id,
        level: "personal",
        title: "Half-written plan",
        "keyResults.0.title": "Fine measure",
        "keyResults.0.targetValue": "10",
        "keyResults.1.title": "No target",
        "keyResults.1.type": "number",
      }),
    );
    expect(state).toMatchObject({ status: "error", code: "validation" });
    if (state.status !== "error") return;
    expect(state.fieldErrors["keyResults.1.targetValue"]).toEqual(["Enter the target value"]);
    expect(await db.objective.count({ where: { organizationId: world.org.id } })).toBe(before);
  });

  it("rolls the objective back when a key result's owner is from another organisation", async () => {
    const other = await createOrganization(db);
    const stranger = await createMember(db, other.id, "member");
    signInAs(world.admin.id);
    const before = await db.objective.count({ where: { organizationId: world.org.id } });
    const state = await createObjectiveAction(
      idle,
      form({ cycleId: world.cycle.id, level: "company", title: "Borrowed owner", "keyResults.0.title": "Someone else's", "keyResults.0.targetValue": "5", "keyResults.0.ownerId": stranger.id }),
    );
    expect(state).toMatchObject({ status: "error", code: "not_found" });
    if (state.status === "error") expect(Object.keys(state.fieldErrors)).toEqual(["keyResults.0.ownerId"]);
    expect(await db.objective.count({ where: { organizationId: world.org.id } })).toBe(before);
    expect(await db.keyResult.count({ where: { title: "Someone else's" } })).toBe(0);
  });

  it("takes key results through the API too", async () => {
    const { secret } = await createApiToken(db, world.org.id, world.lead.id);
    const res = await callApi(objectivesRoute.POST as Parameters<typeof callApi>[0], {
      method: "POST",
      path: "/api/v1/objectives",
      token: secret,
      body: { cycleId: world.cycle.id, level: "team", teamId: world.team.id, title: "Team plan by API", keyResults: [{ title: "Done or not", type: "yes_no" }] },
    });
    expect(res.status).toBe(201);
    const created = await db.objective.findFirstOrThrow({ where: { organizationId: world.org.id, title: "Team plan by API" }, select: { keyResults: { select: { title: true, targetValue: true } } } });
    expect(created.keyResults.map((k) => [k.title, k.targetValue.toString()])).toEqual([["Done or not", "1"]]);
  });
});
