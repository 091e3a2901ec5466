import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postScores } from "@/app/api/v1/cycles/[id]/scores/route";
import { GET as getSummary } from "@/app/api/v1/cycles/[id]/summary/route";
import { PUT as putRetrospective } from "@/app/api/v1/objectives/[id]/retrospective/route";
import { POST as postCheckIn } from "@/app/api/v1/check-ins/route";
import { PATCH as patchKeyResult } from "@/app/api/v1/key-results/[id]/route";
import { closeCycleWithSummaryAction, saveObjectiveClosingAction } from "@/app/(app)/cycles/[id]/close/actions";
import { db } from "@/lib/db/prisma";
import { listScoringPage, SCORING_PAGE_SIZE } from "@/lib/scoring/queries";
import { resolveActor } from "@/lib/auth/actor";
import {
  addTeamMember,
  createApiToken,
  createCycle,
  createKeyResult,
  createMember,
  createObjective,
  createOrganization,
  createTeam,
} from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
const tokens: Record<string, string> = {};
let outsider: { id: string; token: string };

beforeAll(async () => {
  world = await createWorld();
  for (const role of ["owner", "admin", "lead", "member", "viewer"] as const) tokens[role] = (await createApiToken(db, world.org.id, world[role].id)).secret;
  const other = await createOrganization(db);
  const otherOwner = await createMember(db, other.id, "owner");
  outsider = { id: otherOwner.id, token: (await createApiToken(db, other.id, otherOwner.id)).secret };
});
beforeEach(() => signInAs(null));

const idle = { status: "idle" } as const;
const errorsOf = (json: unknown) => (json as { errors?: { field: string; message: string }[] }).errors ?? [];
const detailOf = (json: unknown) => (json as { detail?: string }).detail ?? "";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** A fresh active cycle with one team objective owned by the member and a key result of theirs, half way. */
async function scoringSetup(options: { ownerId?: string; teamId?: string; state?: "active" | "planning" | "closed" } = {}) {
  const cycle = await createCycle(db, world.org.id, { state: options.state ?? "active" });
  const objective = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: options.ownerId ?? world.member.id, teamId: options.teamId ?? world.team.id, title: "Win mid-market" });
  const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Sign 10 customers", start: 0, target: 10, current: 7 });
  return { cycle, objective, kr };
}

const scoreOf = async (id: string) => (await db.keyResult.findUniqueOrThrow({ where: { id } })).score?.toString() ?? null;
const auditCount = (entityId: string, action: string) => db.auditEvent.count({ where: { entityId, action } });
const postScore = (token: string | undefined, cycleId: string, scores: unknown) => callApi(postScores, { method: "POST", path: "/x", token, params: { id: cycleId }, body: { scores } });

describe("POST /api/v1/cycles/:id/scores", () => {
  it("lets the owner score a key result, recording the old and new score once per change", async () => {
    const { cycle, kr } = await scoringSetup();
    const res = await postScore(tokens.member, cycle.id, [{ keyResultId: kr.id, score: 0.7 }]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ scores: [{ keyResultId: kr.id, score: "0.70", isChanged: true }] });
    expect(await scoreOf(kr.id)).toBe("0.7");
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: kr.id, action: "keyresult.scored" } });
    expect(event).toMatchObject({ actorId: world.member.id, before: { score: null }, after: { score: "0.70" } });

    const same = await postScore(tokens.member, cycle.id, [{ keyResultId: kr.id, score: "0.70" }]);
    expect(same.json).toEqual({ scores: [{ keyResultId: kr.id, score: "0.70", isChanged: false }] });
    expect(await auditCount(kr.id, "keyresult.scored")).toBe(1);
  });

  it("lets a lead of the team and an admin score, but not another member, a lead of another team or a viewer", async () => {
    const { cycle, kr } = await scoringSetup();
    const otherTeam = await createTeam(db, world.org.id);
    const otherLead = await createMember(db, world.org.id, "member");
    await addTeamMember(db, world.org.id, otherTeam.id, otherLead.id, "lead");
    const stranger = await createMember(db, world.org.id, "member");
    for (const userId of [stranger.id, otherLead.id]) {
      const token = (await createApiToken(db, world.org.id, userId)).secret;
      const res = await postScore(token, cycle.id, [{ keyResultId: kr.id, score: "0.9" }]);
      expect(res.status).toBe(403);
      expect(detailOf(res.json)).toMatch(/owner, a lead of its team or an admin can score it/);
    }
    expect((await postScore(tokens.viewer, cycle.id, [{ keyResultId: kr.id, score: "0.9" }])).status).toBe(403);
    expect(await scoreOf(kr.id)).toBeNull();
    expect(await auditCount(kr.id, "keyresult.scored")).toBe(0);

    expect((await postScore(tokens.lead, cycle.id, [{ keyResultId: kr.id, score: "0.6" }])).status).toBe(200);
    expect((await postScore(tokens.admin, cycle.id, [{ keyResultId: kr.id, score: "0.65" }])).status).toBe(200);
    expect(await scoreOf(kr.id)).toBe("0.65");
  });

  it("refuses scores outside 0.0-1.0 or malformed, naming the entry, and writes nothing", async () => {
    const { cycle, kr } = await scoringSetup();
    const cases: [unknown, string, RegExp][] = [
      [1.1, "scores.0.score", /0\.0 to 1\.0/],
      ["-0.1", "scores.0.score", /0\.0 to 1\.0/],
      ["0.123", "scores.0.score", /two decimals/],
      ["high", "scores.0.score", /from 0\.0 to 1\.0/],
      [null, "scores.0.score", /from 0\.0 to 1\.0/],
    ];
    for (const [score, field, message] of cases) {
      const res = await postScore(tokens.member, cycle.id, [{ keyResultId: kr.id, score }]);
      expect(res.status, JSON.stringify(score)).toBe(422);
      expect(errorsOf(res.json).find((e) => e.field === field)?.message, JSON.stringify(score)).toMatch(message);
    }
    const twice = await postScore(tokens.member, cycle.id, [{ keyResultId: kr.id, score: "0.5" }, { keyResultId: kr.id, score: "0.6" }]);
    expect(errorsOf(twice.json)[0]).toMatchObject({ field: "scores.1.keyResultId", message: "This key result is in the list twice" });
    expect((await postScore(tokens.member, cycle.id, [])).status).toBe(422);
    expect((await postScore(tokens.member, cycle.id, [{ keyResultId: "nope", score: "0.5" }])).status).toBe(422);
    const notJson = await callApi(postScores, { method: "POST", path: "/x", token: tokens.member, params: { id: cycle.id }, body: "{scores" });
    expect(notJson.status).toBe(400);
    expect(await scoreOf(kr.id)).toBeNull();
  });

  it("is all or nothing: one refused key result leaves the others unscored", async () => {
    const { cycle, objective, kr } = await scoringSetup();
    const leadsKr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.lead.id, title: "Lead's measure", target: 5 });
    const othersObjective = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, teamId: null, level: "company" });
    const notMine = await createKeyResult(db, world.org.id, { objectiveId: othersObjective.id, title: "Company measure", target: 5 });
    const res = await postScore(tokens.member, cycle.id, [
      { keyResultId: kr.id, score: "0.7" },
      { keyResultId: leadsKr.id, score: "0.3" },
      { keyResultId: notMine.id, score: "0.9" },
    ]);
    expect(res.status).toBe(403);
    expect(await Promise.all([kr.id, leadsKr.id, notMine.id].map(scoreOf))).toEqual([null, null, null]);
  });

  it("refuses scores in a closed or planning cycle with 409", async () => {
    for (const state of ["closed", "planning"] as const) {
      const { cycle, kr } = await scoringSetup({ state });
      const res = await postScore(tokens.member, cycle.id, [{ keyResultId: kr.id, score: "0.5" }]);
      expect(res.status, state).toBe(409);
      expect(detailOf(res.json)).toMatch(state === "closed" ? /closed and read-only/ : /planning/);
      expect(await scoreOf(kr.id)).toBeNull();
    }
  });

  it("answers 404 for another organisation's key results and cycles, and for key results of another cycle", async () => {
    const { cycle, kr } = await scoringSetup();
    const res = await postScore(outsider.token, cycle.id, [{ keyResultId: kr.id, score: "1" }]);
    expect(res.status).toBe(404);
    expect(errorsOf(res.json)[0]?.field).toBe("scores.0.keyResultId");
    const elsewhere = await scoringSetup();
    const wrongCycle = await postScore(tokens.member, cycle.id, [{ keyResultId: elsewhere.kr.id, score: "1" }]);
    expect(wrongCycle.status).toBe(404);
    expect(await scoreOf(kr.id)).toBeNull();
    expect(await scoreOf(elsewhere.kr.id)).toBeNull();
    expect((await postScore(undefined, cycle.id, [{ keyResultId: kr.id, score: "1" }])).status).toBe(401);
  });
});

describe("PUT /api/v1/objectives/:id/retrospective", () => {
  const put = (token: string | undefined, id: string, body: unknown) => callApi(putRetrospective, { method: "PUT", path: "/x", token, params: { id }, body });

  it("saves what went well and what was learned for the owner and the team's lead, with history", async () => {
    const { objective } = await scoringSetup();
    const res = await put(tokens.member, objective.id, { wentWell: "Pilots converted fast", learned: "Security reviews take 3 weeks" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ objectiveId: objective.id, wentWell: "Pilots converted fast", learned: "Security reviews take 3 weeks" });
    const saved = await db.objective.findUniqueOrThrow({ where: { id: objective.id } });
    expect(saved).toMatchObject({ retroWentWell: "Pilots converted fast", retroLearned: "Security reviews take 3 weeks" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: objective.id, action: "objective.retrospective" } });
    expect(event).toMatchObject({ before: { retroWentWell: "", retroLearned: "" }, after: { retroWentWell: "Pilots converted fast" } });

    expect((await put(tokens.lead, objective.id, { wentWell: "Pilots converted fast", learned: "" })).status).toBe(200);
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).retroLearned).toBeNull();
  });

  it("refuses another member, a viewer, a closed cycle and text over 4000 characters, writing nothing", async () => {
    const { objective } = await scoringSetup({ ownerId: world.lead.id });
    expect((await put(tokens.member, objective.id, { wentWell: "Not mine" })).status).toBe(403);
    expect((await put(tokens.viewer, objective.id, { wentWell: "Viewer" })).status).toBe(403);
    const long = await put(tokens.lead, objective.id, { wentWell: "x".repeat(4001) });
    expect(long.status).toBe(422);
    expect(errorsOf(long.json)[0]).toMatchObject({ field: "wentWell", message: "Keep “What went well” to 4000 characters" });
    const closed = await scoringSetup({ state: "closed" });
    const frozen = await put(tokens.member, closed.objective.id, { wentWell: "Too late" });
    expect(frozen.status).toBe(409);
    for (const id of [objective.id, closed.objective.id]) {
      expect(await db.objective.findUniqueOrThrow({ where: { id }, select: { retroWentWell: true } })).toEqual({ retroWentWell: null });
    }
  });

  it("answers 404 to another organisation and writes nothing", async () => {
    const { objective } = await scoringSetup();
    expect((await put(outsider.token, objective.id, { wentWell: "Planted" })).status).toBe(404);
    expect((await put(tokens.member, "0195d3a0-0000-7000-8000-000000000000", { wentWell: "Nothing" })).status).toBe(404);
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).retroWentWell).toBeNull();
    expect(await auditCount(objective.id, "objective.retrospective")).toBe(0);
  });
});

describe("the closing form of one objective", () => {
  it("saves the scores and the retrospective together", async () => {
    const { objective, kr } = await scoringSetup();
    const second = await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Launch self-serve", type: "yes_no", current: 1 });
    signInAs(world.member.id);
    const state = await saveObjectiveClosingAction(
      idle,
      form({ objectiveId: objective.id, [`scores.${kr.id}`]: "0.7", [`scores.${second.id}`]: "1.0", hasRetro: "1", wentWell: "Pilots", learned: "Reviews" }),
    );
    expect(state).toMatchObject({ status: "success", message: "Saved 2 scores and the retrospective" });
    expect([await scoreOf(kr.id), await scoreOf(second.id)]).toEqual(["0.7", "1"]);
    expect(await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).toMatchObject({ retroWentWell: "Pilots", retroLearned: "Reviews" });
  });

  it("returns the error under the key result's field and saves nothing, not even the retrospective", async () => {
    const { objective, kr } = await scoringSetup();
    signInAs(world.member.id);
    const state = await saveObjectiveClosingAction(idle, form({ objectiveId: objective.id, [`scores.${kr.id}`]: "1.5", hasRetro: "1", wentWell: "Kept?" }));
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.fieldErrors[`scores.${kr.id}`]).toEqual(["Scores go from 0.0 to 1.0"]);
    expect(state.values[`scores.${kr.id}`]).toBe("1.5");

    const foreign = await scoringSetup();
    const mixed = await saveObjectiveClosingAction(idle, form({ objectiveId: objective.id, [`scores.${kr.id}`]: "0.5", [`scores.${foreign.kr.id}`]: "0.5", hasRetro: "1", wentWell: "Kept?" }));
    expect(mixed).toMatchObject({ status: "error", code: "not_found" });
    expect(await scoreOf(kr.id)).toBeNull();
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).retroWentWell).toBeNull();
  });

  it("lets a key result's owner score it without touching the objective's retrospective", async () => {
    const { objective } = await scoringSetup({ ownerId: world.lead.id });
    const membersKr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: world.member.id, title: "Member's measure", target: 4, current: 2 });
    signInAs(world.member.id);
    expect(await saveObjectiveClosingAction(idle, form({ objectiveId: objective.id, [`scores.${membersKr.id}`]: "0.5" }))).toMatchObject({ status: "success" });
    const refused = await saveObjectiveClosingAction(idle, form({ objectiveId: objective.id, hasRetro: "1", wentWell: "Not my retro" }));
    expect(refused).toMatchObject({ status: "error", code: "forbidden" });
    expect(await scoreOf(membersKr.id)).toBe("0.5");
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).retroWentWell).toBeNull();
  });

  it("answers not found to a member of another organisation and writes nothing", async () => {
    const { objective, kr } = await scoringSetup();
    signInAs(outsider.id);
    const state = await saveObjectiveClosingAction(idle, form({ objectiveId: objective.id, [`scores.${kr.id}`]: "1", hasRetro: "1", wentWell: "Planted" }));
    expect(state).toMatchObject({ status: "error", code: "not_found" });
    expect(await scoreOf(kr.id)).toBeNull();
    expect((await db.objective.findUniqueOrThrow({ where: { id: objective.id } })).retroWentWell).toBeNull();
  });
});

describe("closing a cycle", () => {
  const close = (fields: Record<string, string>) => closeCycleWithSummaryAction(idle, form(fields));

  it("refuses while key results are unscored, then closes when forced, and the cycle is read-only afterwards", async () => {
    const { cycle, objective, kr } = await scoringSetup();
    await createKeyResult(db, world.org.id, { objectiveId: objective.id, title: "Second measure", target: 3 });
    const abandoned = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId: world.team.id, state: "abandoned" });
    await createKeyResult(db, world.org.id, { objectiveId: abandoned.id, title: "Stopped measure", target: 3 });

    signInAs(world.admin.id);
    const refused = await close({ cycleId: cycle.id, summary: "A good quarter" });
    expect(refused).toMatchObject({ status: "error", code: "conflict", message: "2 key results are still unscored. Score them first, or choose “Close anyway”." });
    expect(await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({ state: "active", summary: null, closedAt: null });

    const forced = await close({ cycleId: cycle.id, summary: "A good quarter", force: "true" });
    expect(forced).toMatchObject({ status: "success", message: `${cycle.name} is closed and read-only` });
    const closed = await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } });
    expect(closed).toMatchObject({ state: "closed", summary: "A good quarter" });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(await auditCount(cycle.id, "cycle.closed")).toBe(1);

    const checkIn = await callApi(postCheckIn, { method: "POST", path: "/api/v1/check-ins", token: tokens.member, body: { keyResultId: kr.id, value: "9", confidence: "on_track", note: "late" } });
    expect(checkIn.status).toBe(409);
    const edit = await callApi(patchKeyResult, { method: "PATCH", path: "/x", token: tokens.member, params: { id: kr.id }, body: { version: 1, title: "Renamed after close" } });
    expect(edit.status).toBe(409);
    expect(detailOf(edit.json)).toMatch(/closed and read-only/);
    expect((await postScore(tokens.member, cycle.id, [{ keyResultId: kr.id, score: "0.8" }])).status).toBe(409);
    const after = await db.keyResult.findUniqueOrThrow({ where: { id: kr.id } });
    expect(after).toMatchObject({ title: "Sign 10 customers", score: null });
    expect(after.currentValue.toString()).toBe("7");
    expect(await db.checkIn.count({ where: { keyResultId: kr.id } })).toBe(0);

    expect(await close({ cycleId: cycle.id, force: "true" })).toMatchObject({ status: "error", code: "conflict" });
  });

  it("closes without asking once every key result is scored", async () => {
    const { cycle, kr } = await scoringSetup();
    await postScore(tokens.member, cycle.id, [{ keyResultId: kr.id, score: "0.7" }]);
    signInAs(world.owner.id);
    expect(await close({ cycleId: cycle.id })).toMatchObject({ status: "success" });
    expect((await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).state).toBe("closed");
  });

  it("is for admins only, and another organisation's admin gets not found", async () => {
    const { cycle } = await scoringSetup();
    signInAs(world.lead.id);
    expect(await close({ cycleId: cycle.id, force: "true" })).toMatchObject({ status: "error", code: "forbidden" });
    signInAs(outsider.id);
    expect(await close({ cycleId: cycle.id, force: "true" })).toMatchObject({ status: "error", code: "not_found" });
    expect(await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({ state: "active", closedAt: null });
  });
});

describe("the closing page's list", () => {
  it("pages objectives, filters by team with its sub-teams or by mine, and says what the viewer may edit", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "active" });
    const department = await createTeam(db, world.org.id, { name: "Department" });
    const squad = await createTeam(db, world.org.id, { name: "Squad", parentId: department.id });
    const elsewhere = await createTeam(db, world.org.id, { name: "Elsewhere" });
    await db.objective.createMany({
      data: Array.from({ length: SCORING_PAGE_SIZE + 2 }, (_, i) => ({
        organizationId: world.org.id,
        cycleId: cycle.id,
        level: "team" as const,
        teamId: i % 2 ? squad.id : elsewhere.id,
        ownerId: world.admin.id,
        title: `Bulk objective ${i}`,
      })),
    });
    const mine = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: department.id, title: "Lead's own" });
    const kr = await createKeyResult(db, world.org.id, { objectiveId: mine.id, ownerId: world.member.id, title: "Member's part", start: 0, target: 100, current: 72 });
    await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId: squad.id, state: "draft", title: "Draft, not scored" });

    const viewerActor = (await resolveActor(world.member.id, { via: "session" }))!;
    const first = await listScoringPage(viewerActor, cycle.id);
    expect(first.objectives).toHaveLength(SCORING_PAGE_SIZE);
    expect(first.counts).toEqual({ keyResults: 1, unscored: 1 });
    const second = await listScoringPage(viewerActor, cycle.id, { cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const all = [...first.objectives, ...second.objectives];
    expect(all).toHaveLength(SCORING_PAGE_SIZE + 3);
    expect(all.map((o) => o.title)).not.toContain("Draft, not scored");

    const department_ = await listScoringPage(viewerActor, cycle.id, { teamId: department.id });
    expect(department_.objectives.map((o) => o.team?.name).sort()).toEqual(["Department", ...Array(Math.floor((SCORING_PAGE_SIZE + 2) / 2)).fill("Squad")].sort());

    const mineOnly = await listScoringPage(viewerActor, cycle.id, { mine: world.member.id });
    expect(mineOnly.objectives.map((o) => o.title)).toEqual(["Lead's own"]);
    const row = mineOnly.objectives[0]!;
    expect(row.canEditRetro).toBe(false);
    expect(row.keyResults).toEqual([expect.objectContaining({ id: kr.id, progress: 72, suggestedScore: "0.7", score: null, canScore: true })]);

    await expect(listScoringPage(viewerActor, cycle.id, { teamId: "0195d3a0-0000-7000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found" });
    const outsiderActor = (await resolveActor(outsider.id, { via: "session" }))!;
    await expect(listScoringPage(outsiderActor, cycle.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("GET /api/v1/cycles/:id/summary", () => {
  it("reports averages, the spread of scores, team roll-ups, kinds, retrospectives and abandoned objectives", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "closed" });
    const department = await createTeam(db, world.org.id, { name: "Sales dept" });
    const squad = await createTeam(db, world.org.id, { name: "Mid-market", parentId: department.id });
    const scored = async (teamId: string | null, kind: "committed" | "aspirational", scores: [string, number][], retro?: [string, string]) => {
      const objective = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId, level: teamId ? "team" : "company", kind, title: `Objective ${kind} ${scores.length}` });
      for (const [score, weight] of scores) {
        const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, target: 10, weight });
        await db.keyResult.update({ where: { id: kr.id }, data: { score } });
      }
      if (retro) await db.objective.update({ where: { id: objective.id }, data: { retroWentWell: retro[0], retroLearned: retro[1] } });
      return objective;
    };
    // Weighted: (1.0 * 3 + 0.2 * 1) / 4 = 0.8
    const a = await scored(squad.id, "committed", [["1.0", 3], ["0.2", 1]], ["Demand was real", "Hire earlier"]);
    await scored(department.id, "aspirational", [["0.4", 1]]);
    await scored(null, "committed", [["0.6", 1], ["0.6", 1]], ["Clear goals", "Fewer goals"]);
    const unscored = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId: squad.id });
    await createKeyResult(db, world.org.id, { objectiveId: unscored.id, target: 5 });
    const dropped = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId: squad.id, state: "abandoned", title: "Enterprise pilot" });
    await db.objective.update({ where: { id: dropped.id }, data: { abandonReason: "No budget this year" } });
    await db.cycle.update({ where: { id: cycle.id }, data: { summary: "Demand is real." } });

    const res = await callApi(getSummary, { path: `/x`, token: tokens.viewer, params: { id: cycle.id } });
    expect(res.status).toBe(200);
    const body = res.json as Record<string, unknown> & {
      teams: { name: string; averageScore: string; objectiveCount: number }[];
      retrospectives: { groups: { teamName: string; items: { objectiveId: string; score: string; wentWell: string; learned: string }[] }[] };
    };
    // Objectives: 0.8, 0.4, 0.6 -> 0.6
    expect(body).toMatchObject({
      cycle: { id: cycle.id, state: "closed", summary: "Demand is real." },
      averageScore: "0.60",
      objectiveCount: 4,
      scoredObjectiveCount: 3,
      keyResults: { total: 6, scored: 5, unscored: 1, bands: { low: 1, mid: 3, high: 1 } },
      byKind: { committed: { averageScore: "0.70", objectiveCount: 2 }, aspirational: { averageScore: "0.40", objectiveCount: 1 } },
      abandoned: { total: 1, items: [{ objectiveId: dropped.id, title: "Enterprise pilot", reason: "No budget this year" }] },
    });
    const teamRows = body.teams.filter((t) => t.name === "Sales dept" || t.name === "Mid-market");
    expect(teamRows).toEqual([
      expect.objectContaining({ name: "Sales dept", averageScore: "0.60", objectiveCount: 2 }),
      expect.objectContaining({ name: "Mid-market", averageScore: "0.80", objectiveCount: 1 }),
    ]);
    expect(body.retrospectives.groups).toEqual([
      { teamId: null, teamName: "Company", items: [expect.objectContaining({ score: "0.60", wentWell: "Clear goals", learned: "Fewer goals" })] },
      { teamId: squad.id, teamName: "Mid-market", items: [expect.objectContaining({ objectiveId: a.id, score: "0.80", wentWell: "Demand was real" })] },
    ]);

    const filtered = await callApi(getSummary, { path: `/x?teamId=${department.id}`, token: tokens.viewer, params: { id: cycle.id } });
    expect((filtered.json as typeof body).retrospectives.groups.map((g) => g.teamName)).toEqual(["Mid-market"]);
  });

  it("answers 404 for another organisation's cycle and an unknown team, 400 for a malformed filter", async () => {
    const { cycle } = await scoringSetup();
    expect((await callApi(getSummary, { path: "/x", token: outsider.token, params: { id: cycle.id } })).status).toBe(404);
    expect((await callApi(getSummary, { path: "/x?teamId=0195d3a0-0000-7000-8000-000000000000", token: tokens.member, params: { id: cycle.id } })).status).toBe(404);
    const malformed = await callApi(getSummary, { path: "/x?teamId=sales", token: tokens.member, params: { id: cycle.id } });
    expect(malformed.status).toBe(400);
    expect(errorsOf(malformed.json)[0]?.field).toBe("teamId");
  });
});
