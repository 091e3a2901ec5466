import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  abandonObjectiveAction,
  addCommentAction,
  alignObjectiveAction,
  createKeyResultAction,
  createObjectiveAction,
  deleteCommentAction,
  moveKeyResultAction,
  moveObjectiveAction,
  updateKeyResultAction,
  updateObjectiveAction,
} from "@/app/(app)/objectives/actions";
import { db } from "@/lib/db/prisma";
import { getObjectivePage } from "@/lib/objectives/queries";
import { createCheckIn, createCycle, createKeyResult, createObjective, createTeam } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
beforeEach(() => signInAs(null));

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, String(v));
  return data;
}
const idle = { status: "idle" } as const;

describe("objective server actions", () => {
  it("creates an objective from the form, aligned through the picker's single field", async () => {
    const company = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "Company direction" });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: company.id, title: "Company measure", target: 10 });
    signInAs(world.lead.id);
    const state = await createObjectiveAction(idle, form({ cycleId: world.cycle.id, level: "team", teamId: world.team.id, title: "Team answer", whyItMatters: "Because", kind: "committed", state: "active", ownerId: world.lead.id, parent: `key_result:${kr.id}` }));
    expect(state).toMatchObject({ status: "success", message: "“Team answer” created" });
    if (state.status !== "success") return;
    const created = await db.objective.findUniqueOrThrow({ where: { id: state.data.id } });
    expect(created).toMatchObject({ parentKeyResultId: kr.id, parentObjectiveId: null, ownerId: world.lead.id, teamId: world.team.id });
  });

  it("returns field errors and the typed values instead of throwing", async () => {
    signInAs(world.member.id);
    const state = await createObjectiveAction(idle, form({ cycleId: world.cycle.id, level: "team", title: "No", parent: "garbage" }));
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.code).toBe("validation");
    expect(Object.keys(state.fieldErrors).sort()).toEqual(["parentObjectiveId", "teamId", "title"]);
    expect(state.values.title).toBe("No");
  });

  it("refuses signed-out people and viewers without writing", async () => {
    const before = await db.objective.count({ where: { organizationId: world.org.id } });
    expect(await createObjectiveAction(idle, form({ cycleId: world.cycle.id, level: "personal", title: "Anonymous goal" }))).toMatchObject({ status: "error", code: "unauthenticated" });
    signInAs(world.viewer.id);
    expect(await createObjectiveAction(idle, form({ cycleId: world.cycle.id, level: "personal", title: "Viewer goal" }))).toMatchObject({ status: "error", code: "forbidden" });
    expect(await db.objective.count({ where: { organizationId: world.org.id } })).toBe(before);
  });

  it("edits, aligns, moves and abandons, each checking the version it was given", async () => {
    const parent = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "Parent" });
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, teamId: world.team.id, title: "Editable", position: 50 });
    signInAs(world.member.id);
    expect(await updateObjectiveAction(idle, form({ objectiveId: objective.id, version: 1, whyItMatters: "Clearer why" }))).toMatchObject({ status: "success" });
    expect(await updateObjectiveAction(idle, form({ objectiveId: objective.id, version: 1, whyItMatters: "Stale" }))).toMatchObject({ status: "error", code: "conflict" });
    expect(await alignObjectiveAction(idle, form({ objectiveId: objective.id, version: 2, parent: `objective:${parent.id}` }))).toMatchObject({ status: "success", data: { version: 3 } });
    expect(await moveObjectiveAction(idle, form({ objectiveId: objective.id, direction: "up" }))).toMatchObject({ status: "success", message: "Moved “Editable” up" });
    // Reordering is not an edit: the version the form was opened at still holds.
    const abandoned = await abandonObjectiveAction(idle, form({ objectiveId: objective.id, version: 3, reason: "Merged into the parent" }));
    expect(abandoned).toMatchObject({ status: "success" });
    expect(await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).toMatchObject({ state: "abandoned", parentObjectiveId: parent.id, whyItMatters: "Clearer why" });
  });

  it("adds, edits and reorders key results; members cannot touch someone else's", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Lead's objective" });
    signInAs(world.member.id);
    expect(await createKeyResultAction(idle, form({ objectiveId: objective.id, title: "Sneaky", targetValue: "10" }))).toMatchObject({ status: "error", code: "forbidden" });
    signInAs(world.lead.id);
    const created = await createKeyResultAction(idle, form({ objectiveId: objective.id, title: "Launch", type: "milestone", milestones: "Design\nBeta\nLaunch" }));
    expect(created).toMatchObject({ status: "success" });
    const second = await createKeyResultAction(idle, form({ objectiveId: objective.id, title: "Trials", targetValue: "40", unit: "trials" }));
    if (created.status !== "success" || second.status !== "success") throw new Error("setup failed");
    expect(await updateKeyResultAction(idle, form({ keyResultId: created.data.id, version: 1, milestones: "Design\nBeta\nGA\nLaunch", reason: "GA step added" }))).toMatchObject({ status: "success" });
    expect((await db.keyResult.findUniqueOrThrow({ where: { id: created.data.id } })).targetValue.toString()).toBe("4");
    expect(await moveKeyResultAction(idle, form({ keyResultId: second.data.id, direction: "up" }))).toMatchObject({ status: "success", data: { position: 0 } });
  });

  it("posts comments from anyone but viewers; only authors and admins delete them", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: world.team.id });
    signInAs(world.viewer.id);
    expect(await addCommentAction(idle, form({ objectiveId: objective.id, body: "Viewer here" }))).toMatchObject({ status: "error", code: "forbidden" });
    signInAs(world.member.id);
    expect(await addCommentAction(idle, form({ objectiveId: objective.id, body: "" }))).toMatchObject({ status: "error", fieldErrors: { body: ["Write a comment"] } });
    const posted = await addCommentAction(idle, form({ objectiveId: objective.id, body: "Can we narrow the scope?" }));
    if (posted.status !== "success") throw new Error("comment failed");
    signInAs(world.lead.id);
    expect(await deleteCommentAction(idle, form({ commentId: posted.data.id }))).toMatchObject({ status: "error", code: "forbidden" });
    signInAs(world.admin.id);
    expect(await deleteCommentAction(idle, form({ commentId: posted.data.id }))).toMatchObject({ status: "success" });
    expect(await db.comment.count({ where: { objectiveId: objective.id } })).toBe(0);
  });

  it("makes one comment of a draft sent again, also when both sends race; another draft is another comment", async () => {
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: world.team.id });
    signInAs(world.member.id);
    const key = "0193a5b0-0000-4000-8000-000000000001";
    const draft = { objectiveId: objective.id, body: "Sent twice, posted once", submissionKey: key };
    const first = await addCommentAction(idle, form(draft));
    const again = await addCommentAction(idle, form(draft));
    expect(first).toMatchObject({ status: "success" });
    expect(again).toMatchObject({ status: "success", data: { id: first.status === "success" ? first.data.id : "" } });
    const raced = await Promise.all([1, 2, 3].map(() => addCommentAction(idle, form({ ...draft, submissionKey: "0193a5b0-0000-4000-8000-000000000002" }))));
    expect(raced.map((r) => r.status)).toEqual(["success", "success", "success"]);
    expect(new Set(raced.map((r) => (r.status === "success" ? r.data.id : null))).size).toBe(1);
    await addCommentAction(idle, form({ objectiveId: objective.id, body: "No key, a comment each time" }));
    await addCommentAction(idle, form({ objectiveId: objective.id, body: "No key, a comment each time" }));
    expect(await db.comment.count({ where: { objectiveId: objective.id } })).toBe(4);
    expect(await db.auditEvent.count({ where: { entityType: "comment", action: "comment.created", entityId: { in: (await db.comment.findMany({ where: { objectiveId: objective.id }, select: { id: true } })).map((c) => c.id) } } })).toBe(4);
  });
});

describe("the objective page", () => {
  it("shows the why chain up to the company objective, what is aligned beneath (across teams) and the history", async () => {
    const cycle = await createCycle(db, world.org.id);
    const otherTeam = await createTeam(db, world.org.id, { name: "Another team" });
    const company = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Company objective" });
    const companyKr = await createKeyResult(db, world.org.id, { objectiveId: company.id, title: "Company key result", target: 100 });
    const team = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Team objective", parentKeyResultId: companyKr.id });
    const teamKr = await createKeyResult(db, world.org.id, { objectiveId: team.id, title: "Team key result", target: 10 });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, level: "personal", title: "Personal objective", parentObjectiveId: team.id });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, teamId: otherTeam.id, title: "Other team's objective", parentKeyResultId: teamKr.id });
    signInAs(world.lead.id);
    await updateKeyResultAction(idle, form({ keyResultId: teamKr.id, version: 1, targetValue: "12", reason: "Scope grew" }));

    const page = await getObjectivePage(world.org.id, team.id);
    expect(page.chain).toEqual([expect.objectContaining({ id: company.id, title: "Company objective", viaKeyResult: { id: companyKr.id, title: "Company key result" } })]);
    expect(page.aligned.map((o) => o.title).sort()).toEqual(["Other team's objective", "Personal objective"]);
    expect(page.aligned.find((o) => o.title === "Other team's objective")?.parentKeyResultId).toBe(teamKr.id);
    const change = page.history.find((h) => h.summary.includes("changed the target"));
    expect(change).toMatchObject({ reason: "Scope grew", changes: [{ field: "Target", from: "10", to: "12" }] });
    expect(change?.actorName).toBe((await db.user.findUniqueOrThrow({ where: { id: world.lead.id } })).name);

    // Seen from the top: one objective aligned directly, three in the whole subtree (through objectives and key results).
    const top = await getObjectivePage(world.org.id, company.id);
    expect(top.aligned.map((o) => o.title)).toEqual(["Team objective"]);
    expect(top.subtreeCount).toBe(3);
    expect(page.subtreeCount).toBe(2);
  });

  it("reads each check-in with its note and author for the timeline, and the same rows as chart points", async () => {
    const cycle = await createCycle(db, world.org.id);
    const objective = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Told as a story" });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Measured weekly", target: 10 });
    await createCheckIn(db, world.org.id, { keyResultId: kr.id, authorId: world.lead.id, week: new Date("2026-11-02T00:00:00Z"), value: 3, confidence: "at_risk", note: "Slow start" });
    await createCheckIn(db, world.org.id, { keyResultId: kr.id, authorId: world.lead.id, week: new Date("2026-11-09T00:00:00Z"), value: 5, confidence: "on_track", note: "Picking up" });
    const page = await getObjectivePage(world.org.id, objective.id);
    const lead = await db.user.findUniqueOrThrow({ where: { id: world.lead.id } });
    expect(page.checkIns.map((c) => ({ note: c.note, author: c.author.name, value: c.value.toString() }))).toEqual([
      { note: "Slow start", author: lead.name, value: "3" },
      { note: "Picking up", author: lead.name, value: "5" },
    ]);
    expect(page.checkInHistory.get(kr.id)).toEqual([
      { week: "2026-11-02", value: "3", confidence: "at_risk", source: null },
      { week: "2026-11-09", value: "5", confidence: "on_track", source: null },
    ]);
    expect(page.subtreeCount).toBe(0);
  });
});
