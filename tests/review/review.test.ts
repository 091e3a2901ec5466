import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportReview } from "@/app/(app)/review/export/route";
import { db } from "@/lib/db/prisma";
import { resolveActor } from "@/lib/auth/actor";
import { abandonObjective } from "@/lib/objectives/mutations";
import { updateKeyResult } from "@/lib/key-results/mutations";
import { loadReview } from "@/lib/review/queries";
import { createApiToken, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
const mondayDaysAgo = (n: number) => {
  const d = daysAgo(n);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
};

let world: World;
let cycle: Awaited<ReturnType<typeof createCycle>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  world = await createWorld();
  cycle = await createCycle(db, world.org.id, { startDate: daysAgo(60), endDate: new Date(now.getTime() + 30 * DAY), state: "active" });
  const department = await createTeam(db, world.org.id, { name: "Department" });
  await db.team.update({ where: { id: world.team.id }, data: { parentId: department.id } });
  const sibling = await createTeam(db, world.org.id, { name: "Sibling", parentId: department.id });

  const company = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Company goal", createdAt: daysAgo(59) });
  const teamGoal = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Team goal", parentObjectiveId: company.id, createdAt: daysAgo(59) });
  const climbing = await createKeyResult(db, world.org.id, { objectiveId: teamGoal.id, title: "Climbing measure", start: 0, target: 100, createdAt: daysAgo(59) });
  const sliding = await createKeyResult(db, world.org.id, { objectiveId: teamGoal.id, title: "Sliding measure", start: 0, target: 100, createdAt: daysAgo(59) });
  const quiet = await createKeyResult(db, world.org.id, { objectiveId: company.id, title: "Quiet measure", target: 10, createdAt: daysAgo(59) });
  await createCheckIn(db, world.org.id, { keyResultId: climbing.id, authorId: world.lead.id, week: mondayDaysAgo(20), value: 20, confidence: "on_track", at: daysAgo(20) });
  await createCheckIn(db, world.org.id, { keyResultId: climbing.id, authorId: world.lead.id, week: mondayDaysAgo(2), value: 50, confidence: "on_track", at: daysAgo(2) });
  await createCheckIn(db, world.org.id, { keyResultId: sliding.id, authorId: world.lead.id, week: mondayDaysAgo(20), value: 40, confidence: "on_track", at: daysAgo(20) });
  await createCheckIn(db, world.org.id, { keyResultId: sliding.id, authorId: world.lead.id, week: mondayDaysAgo(2), value: 30, confidence: "off_track", note: "Lost the biggest account", at: daysAgo(2) });

  const siblingGoal = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, teamId: sibling.id, title: "Sibling goal", createdAt: daysAgo(59) });
  await createKeyResult(db, world.org.id, { objectiveId: siblingGoal.id, title: "Sibling measure", target: 4, createdAt: daysAgo(59) });
  const doomed = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, teamId: sibling.id, title: "Doomed goal", createdAt: daysAgo(59) });
  const added = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Late addition" });
  // New three days ago and not checked in yet: not two weeks quiet.
  await createKeyResult(db, world.org.id, { objectiveId: added.id, title: "Fresh measure", target: 5, createdAt: daysAgo(3) });
  // Moves while its sibling, the quiet measure, stays at 0 %: the company goal moves by half as much.
  const pace = await createKeyResult(db, world.org.id, { objectiveId: company.id, title: "Company pace", start: 0, target: 100, createdAt: daysAgo(59) });
  await createCheckIn(db, world.org.id, { keyResultId: pace.id, authorId: world.admin.id, week: mondayDaysAgo(20), value: 40, confidence: "on_track", at: daysAgo(20) });
  await createCheckIn(db, world.org.id, { keyResultId: pace.id, authorId: world.admin.id, week: mondayDaysAgo(2), value: 60, confidence: "on_track", at: daysAgo(2) });

  const admin = (await resolveActor(world.admin.id))!;
  await updateKeyResult(admin, climbing.id, { version: 1, targetValue: "80", reason: "Budget cut" });
  await abandonObjective(admin, doomed.id, { version: 1, reason: "Merged into the sibling goal" });
  Object.assign(ids, { company: company.id, teamGoal: teamGoal.id, climbing: climbing.id, sliding: sliding.id, quiet: quiet.id, sibling: sibling.id, department: department.id, added: added.id, doomed: doomed.id });
});

describe("the review", () => {
  it("rolls progress and key-result confidence up the team tree", async () => {
    const review = await loadReview(world.org.id, cycle, daysAgo(10), null);
    const department = review.teams.find((t) => t.id === ids.department)!;
    const team = review.teams.find((t) => t.id === world.team.id)!;
    expect(team.depth).toBe(department.depth + 1);
    // The team's goal and the late addition; the department adds the sibling's goal (the abandoned one does not count).
    expect(team.objectiveCount).toBe(2);
    expect(department.objectiveCount).toBe(3);
    expect(team.confidence).toEqual({ on_track: 1, at_risk: 0, off_track: 1, none: 1 });
    expect(department.confidence.none).toBe(2);
  });

  it("lists what is at risk with its last note, and what has gone quiet for two weeks (not what is younger than that)", async () => {
    const review = await loadReview(world.org.id, cycle, daysAgo(10), null);
    expect(review.attention.items.map((k) => [k.title, k.note])).toEqual([["Sliding measure", "Lost the biggest account"]]);
    expect(review.stale.items.map((k) => k.title).sort()).toEqual(["Quiet measure", "Sibling measure"]);
  });

  it("shows what changed since the date: progress and confidence moves, targets changed with reasons, objectives added and abandoned", async () => {
    const review = await loadReview(world.org.id, cycle, daysAgo(10), null);
    const climbing = review.changes.keyResults.find((k) => k.id === ids.climbing)!;
    // Value 20 then, 50 now; the target is 80 now, so then is measured against it too.
    expect(climbing).toMatchObject({ progressThen: 25, progressNow: 62.5, delta: 37.5, confidenceTrend: 0 });
    const sliding = review.changes.keyResults.find((k) => k.id === ids.sliding)!;
    expect(sliding).toMatchObject({ progressThen: 40, progressNow: 30, delta: -10, confidenceThen: "on_track", confidenceNow: "off_track", confidenceTrend: -1 });
    expect(review.changes.summary).toMatchObject({ improved: 2, declined: 1, confidenceWorse: 1 });
    expect(review.changes.objectives.find((o) => o.objectiveId === ids.teamGoal)).toMatchObject({ progressThen: 32.5, progressNow: 46.25 });
    // Pace went 40 -> 60 % and the quiet measure stayed at 0 %: the company goal went 20 -> 30 %, not 40 -> 60 %.
    expect(review.changes.objectives.find((o) => o.objectiveId === ids.company)).toMatchObject({ progressThen: 20, progressNow: 30, delta: 10 });
    expect(review.changes.keyResults.map((k) => k.title)).not.toContain("Quiet measure");
    expect(review.changes.targetChanges).toEqual([expect.objectContaining({ keyResultTitle: "Climbing measure", reason: "Budget cut", before: { targetValue: "100" }, after: { targetValue: "80" } })]);
    expect(review.changes.added.map((o) => o.title)).toEqual(["Late addition"]);
    expect(review.changes.abandoned).toEqual([expect.objectContaining({ title: "Doomed goal", reason: "Merged into the sibling goal" })]);
  });

  it("finds nothing changed since a date after the last activity", async () => {
    const review = await loadReview(world.org.id, cycle, new Date(now.getTime() + DAY), null);
    expect(review.changes.keyResults).toEqual([]);
    expect(review.changes.targetChanges).toEqual([]);
    expect(review.changes.added).toEqual([]);
  });

  it("narrows to a team and the teams beneath it", async () => {
    const review = await loadReview(world.org.id, cycle, daysAgo(10), ids.sibling!);
    expect(review.teams.map((t) => t.id)).toEqual([ids.sibling]);
    expect(review.attention.items).toEqual([]);
    expect(review.stale.items.map((k) => k.title)).toEqual(["Sibling measure"]);
    expect(review.changes.abandoned.map((o) => o.title)).toEqual(["Doomed goal"]);
    expect(review.changes.added).toEqual([]);
  });
});

describe("the review export", () => {
  it("writes every key result as CSV, with progress then and now", async () => {
    const token = (await createApiToken(db, world.org.id, world.viewer.id)).secret;
    const since = daysAgo(10).toISOString().slice(0, 10);
    const res = await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&since=${since}`, token });
    expect(res.status).toBe(200);
    expect(res.contentType).toContain("text/csv");
    const lines = String(res.json).trim().split("\r\n");
    expect(lines[0]).toMatch(/^team,objective,key result,owner/);
    expect(lines).toHaveLength(7);
    const sliding = lines.find((l) => l.includes("Sliding measure"))!;
    // Human values for reading, with the codes beside them for machines; days as YYYY-MM-DD.
    expect(sliding).toContain(",40.0,30.0,-10.0,On track,on_track,Off track,off_track,");
    expect(sliding).toMatch(/,Number,number,Increase,increase,/);
    expect(sliding).toMatch(/,off_track,\d{4}-\d{2}-\d{2},(yes|no)\r?$/);
    const teams = await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&section=teams`, token });
    expect(String(teams.json)).toContain("Department,0,3,");
  });

  it("answers 404 for another organisation's cycle and 400 for a bad section", async () => {
    const other = await createOrganization(db);
    const owner = await createMember(db, other.id, "owner");
    const theirCycle = await createCycle(db, other.id);
    await createObjective(db, other.id, { cycleId: theirCycle.id, ownerId: owner.id, title: "Their secret" });
    const token = (await createApiToken(db, world.org.id, world.admin.id)).secret;
    const res = await callApi(exportReview, { path: `/review/export?cycle=${theirCycle.id}`, token });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.json)).not.toContain("Their secret");
    expect((await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&section=everything`, token })).status).toBe(400);
  });
});

describe("focus warnings on the review", () => {
  it("marks teams, objectives and people beyond the organisation's limits", async () => {
    await db.organization.update({ where: { id: world.org.id }, data: { maxKeyResultsPerObjective: 1, maxObjectivesPerTeam: 1, maxKeyResultsPerPerson: 1 } });
    try {
      const review = await loadReview(world.org.id, cycle, daysAgo(10), null);
      expect(review.focus.objectives.map((o) => [o.title, o.count]).sort()).toEqual([["Company goal", 2], ["Team goal", 2]]);
      expect(review.focus.teams.map((t) => [t.teamId, t.count])).toEqual([[world.team.id, 2]]);
      expect(review.focus.people.find((p) => p.userId === world.admin.id)?.count).toBe(3);
      const scoped = await loadReview(world.org.id, cycle, daysAgo(10), ids.sibling!);
      expect(scoped.focus.teams).toEqual([]);
      expect(scoped.focus.objectives).toEqual([]);
    } finally {
      await db.organization.update({ where: { id: world.org.id }, data: { maxKeyResultsPerObjective: 5, maxObjectivesPerTeam: 5, maxKeyResultsPerPerson: 8 } });
    }
  });
});
