import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCheckIns, POST as postCheckIn } from "@/app/api/v1/check-ins/route";
import { GET as getCheckIn } from "@/app/api/v1/check-ins/[id]/route";
import { saveMyWeekAction } from "@/app/(app)/my-week/actions";
import { nudgeAction } from "@/app/(app)/teams/[id]/check-ins/actions";
import { resolveActor } from "@/lib/auth/actor";
import { getMyWeek, getTeamWeek, listCheckInHistory, objectiveProgressHistory } from "@/lib/checkins/queries";
import { purgeExpiredIdempotencyKeys } from "@/lib/checkins/idempotency";
import { recordCheckIn } from "@/lib/checkins/mutations";
import { weekOf, isoDate } from "@/lib/dates/week";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCycle, createKeyResult, createMember, createObjective } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
let tokens: Record<"member" | "lead" | "viewer" | "admin" | "outsider" | "stranger", string>;
let outsider: { id: string };

beforeAll(async () => {
  world = await createWorld();
  outsider = await createMember(db, world.org.id, "member");
  const other = await createWorld();
  tokens = {
    member: (await createApiToken(db, world.org.id, world.member.id)).secret,
    lead: (await createApiToken(db, world.org.id, world.lead.id)).secret,
    viewer: (await createApiToken(db, world.org.id, world.viewer.id)).secret,
    admin: (await createApiToken(db, world.org.id, world.admin.id)).secret,
    outsider: (await createApiToken(db, world.org.id, outsider.id)).secret,
    stranger: (await createApiToken(db, other.org.id, other.member.id)).secret,
  };
});

/** A team objective led by the lead with key results owned by the member. */
async function arrange(krs: { start?: number; target?: number; direction?: "increase" | "decrease"; weight?: number; type?: "number" | "milestone" | "yes_no" }[] = [{}], cycleId = world.cycle.id) {
  const objective = await createObjective(db, world.org.id, { cycleId, ownerId: world.lead.id, teamId: world.team.id });
  const keyResults = [];
  for (const kr of krs) {
    keyResults.push(
      await createKeyResult(db, world.org.id, {
        objectiveId: objective.id,
        ownerId: world.member.id,
        start: kr.start ?? 0,
        target: kr.target ?? 100,
        direction: kr.direction ?? "increase",
        weight: kr.weight ?? 1,
        type: kr.type ?? "number",
      }),
    );
  }
  return { objective, keyResults };
}

async function snapshot(keyResultId: string) {
  const [checkIns, versions, kr] = await Promise.all([
    db.checkIn.count({ where: { keyResultId } }),
    db.checkInVersion.count({ where: { checkIn: { keyResultId } } }),
    db.keyResult.findUniqueOrThrow({ where: { id: keyResultId }, select: { currentValue: true, progress: true, confidence: true, objective: { select: { progress: true } } } }),
  ]);
  return { checkIns, versions, current: kr.currentValue.toString(), progress: kr.progress.toString(), confidence: kr.confidence, objectiveProgress: kr.objective.progress.toString() };
}

const post = (token: string, body: unknown, headers: Record<string, string> = {}) => callApi(postCheckIn, { method: "POST", path: "/api/v1/check-ins", token, body, headers });

describe("checking in through the API", () => {
  it("creates this week's check-in and moves the key result and its objective", async () => {
    const { keyResults } = await arrange([{ weight: 1 }, { weight: 1 }]);
    const kr = keyResults[0]!;
    const res = await post(tokens.member, { keyResultId: kr.id, value: "40", confidence: "at_risk", note: "Blocked on the vendor; escalating." });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      keyResultId: kr.id,
      week: isoDate(weekOf(new Date(), "UTC")),
      value: "40",
      confidence: "at_risk",
      version: 1,
      keyResult: { progress: "40.0000" },
      objective: { progress: "20.0000" },
    });
    expect(await snapshot(kr.id)).toMatchObject({ checkIns: 1, versions: 1, current: "40", progress: "40", confidence: "at_risk", objectiveProgress: "20" });
    const audit = await db.auditEvent.findFirst({ where: { organizationId: world.org.id, action: "checkin.created", entityId: (res.json as { id: string }).id } });
    expect(audit?.actorId).toBe(world.member.id);
  });

  it("updates the week's check-in on a second check-in and keeps every version", async () => {
    const { keyResults } = await arrange();
    const kr = keyResults[0]!;
    const first = await post(tokens.member, { keyResultId: kr.id, value: 10, confidence: "on_track", note: "First go" });
    const second = await post(tokens.lead, { keyResultId: kr.id, value: "12.5", confidence: "at_risk", note: "Corrected" });
    expect(second.status).toBe(200);
    const id = (first.json as { id: string }).id;
    expect(second.json).toMatchObject({ id, version: 2, value: "12.5", authorId: world.lead.id });
    const detail = await callApi(getCheckIn, { path: "/x", token: tokens.viewer, params: { id } });
    expect(detail.status).toBe(200);
    expect((detail.json as { versions: unknown[] }).versions).toEqual([
      expect.objectContaining({ version: 1, value: "10", confidence: "on_track", note: "First go", authorId: world.member.id }),
      expect.objectContaining({ version: 2, value: "12.5", confidence: "at_risk", note: "Corrected", authorId: world.lead.id }),
    ]);
    expect(await snapshot(kr.id)).toMatchObject({ checkIns: 1, versions: 2, current: "12.5" });
  });

  it("refuses bad input with a reason naming the field, and writes nothing", async () => {
    const { keyResults } = await arrange([{}, { type: "milestone", target: 3 }, { type: "yes_no" }]);
    const [kr, milestone, yesNo] = keyResults as [(typeof keyResults)[0], (typeof keyResults)[0], (typeof keyResults)[0]];
    const before = await snapshot(kr.id);
    const cases: [unknown, string, RegExp][] = [
      [{ keyResultId: kr.id, value: "lots", confidence: "on_track" }, "value", /Enter a number/],
      [{ keyResultId: kr.id, value: "1.23456", confidence: "on_track" }, "value", /at most 4 decimals/],
      [{ keyResultId: kr.id, value: "5", confidence: "great" }, "confidence", /on_track, at_risk or off_track/],
      [{ keyResultId: kr.id, value: "5", confidence: "on_track", note: "x".repeat(2001) }, "note", /at most 2000 characters/],
      [{ keyResultId: kr.id, value: "5", confidence: "on_track", note: "half\u0000way" }, "note", /NUL character/],
      [{ keyResultId: "nope", value: "5", confidence: "on_track" }, "keyResultId", /key result/],
      [{ keyResultId: milestone.id, value: "4", confidence: "on_track" }, "value", /0 to 3/],
      [{ keyResultId: yesNo.id, value: "0.5", confidence: "on_track" }, "value", /1 for yes or 0 for no/],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(tokens.member, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(res.contentType).toContain("application/problem+json");
      expect((res.json as { errors: { field: string; message: string }[] }).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(message) })]));
    }
    expect(await snapshot(kr.id)).toEqual(before);
    expect(await db.checkIn.count({ where: { keyResultId: { in: [milestone.id, yesNo.id] } } })).toBe(0);
    expect((await post(tokens.member, "{not json")).status).toBe(400);
  });

  it("refuses key results of a closed cycle", async () => {
    const closed = await createCycle(db, world.org.id, { state: "closed" });
    const { keyResults } = await arrange([{}], closed.id);
    const res = await post(tokens.member, { keyResultId: keyResults[0]!.id, value: "5", confidence: "on_track" });
    expect(res.status).toBe(409);
    expect((res.json as { detail: string }).detail).toMatch(/closed and read-only/);
    expect(await snapshot(keyResults[0]!.id)).toMatchObject({ checkIns: 0, current: "0" });
  });

  it("lets only the owners, a lead of the team or an admin check in; other organisations get 404", async () => {
    const { keyResults } = await arrange();
    const kr = keyResults[0]!;
    const body = { keyResultId: kr.id, value: "7", confidence: "on_track" };
    const notOwner = await post(tokens.outsider, body);
    expect(notOwner.status).toBe(403);
    expect((notOwner.json as { detail: string }).detail).toMatch(/owner, a lead of its team or an admin/);
    expect((await post(tokens.viewer, body)).status).toBe(403);
    expect((await post(tokens.stranger, body)).status).toBe(404);
    expect((await callApi(postCheckIn, { method: "POST", path: "/api/v1/check-ins", body })).status).toBe(401);
    expect(await snapshot(kr.id)).toMatchObject({ checkIns: 0, versions: 0, current: "0" });
    expect((await post(tokens.admin, body)).status).toBe(201);
  });
});

describe("one check-in per key result and week", () => {
  it("keeps one record and both versions when two submissions race", async () => {
    const { keyResults } = await arrange();
    const kr = keyResults[0]!;
    const [a, b] = await Promise.all([
      post(tokens.member, { keyResultId: kr.id, value: "30", confidence: "on_track", note: "from the laptop" }),
      post(tokens.lead, { keyResultId: kr.id, value: "35", confidence: "at_risk", note: "from the phone" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const rows = await db.checkIn.findMany({ where: { keyResultId: kr.id }, include: { versions: { orderBy: { version: "asc" } } } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.version).toBe(2);
    expect(row.versions.map((v) => v.note).sort()).toEqual(["from the laptop", "from the phone"]);
    // The key result shows what the last saved version says: no lost update.
    const last = row.versions[1]!;
    expect(row.value.toString()).toBe(last.value.toString());
    expect((await snapshot(kr.id)).current).toBe(last.value.toString());
  });

  it("keeps the objective's progress right when its key results are checked in at the same moment", async () => {
    const { objective, keyResults } = await arrange([{ weight: 1 }, { weight: 1 }, { weight: 2 }]);
    await Promise.all(keyResults.map((kr, i) => post(tokens.member, { keyResultId: kr.id, value: String((i + 1) * 20), confidence: "on_track" })));
    const stored = await db.objective.findUniqueOrThrow({ where: { id: objective.id }, select: { progress: true } });
    // (20 + 40 + 2 * 60) / 4
    expect(stored.progress.toString()).toBe("45");
  });
});

describe("Idempotency-Key", () => {
  it("answers a retry with the first response and writes nothing more", async () => {
    const { keyResults } = await arrange();
    const kr = keyResults[0]!;
    const key = randomUUID();
    const body = { keyResultId: kr.id, value: "50", confidence: "on_track", note: "Halfway" };
    const first = await post(tokens.member, body, { "Idempotency-Key": key });
    const retry = await post(tokens.member, { note: "Halfway", confidence: "on_track", value: 50, keyResultId: kr.id }, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await snapshot(kr.id)).toMatchObject({ checkIns: 1, versions: 1 });
    expect(await db.auditEvent.count({ where: { organizationId: world.org.id, entityId: (first.json as { id: string }).id } })).toBe(1);
  });

  it("makes one check-in when the same request arrives twice at once", async () => {
    const { keyResults } = await arrange();
    const kr = keyResults[0]!;
    const key = randomUUID();
    const body = { keyResultId: kr.id, value: "61", confidence: "at_risk" };
    const [a, b] = await Promise.all([post(tokens.member, body, { "Idempotency-Key": key }), post(tokens.member, body, { "Idempotency-Key": key })]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.json).toEqual(b.json);
    expect(await snapshot(kr.id)).toMatchObject({ checkIns: 1, versions: 1 });
  });

  it("refuses the same key with a different body (422) and writes nothing", async () => {
    const { keyResults } = await arrange();
    const kr = keyResults[0]!;
    const key = randomUUID();
    await post(tokens.member, { keyResultId: kr.id, value: "5", confidence: "on_track" }, { "Idempotency-Key": key });
    const reused = await post(tokens.member, { keyResultId: kr.id, value: "6", confidence: "on_track" }, { "Idempotency-Key": key });
    expect(reused.status).toBe(422);
    expect(reused.json).toMatchObject({ errors: [{ field: "Idempotency-Key" }] });
    expect(await snapshot(kr.id)).toMatchObject({ versions: 1, current: "5" });
    const bad = await post(tokens.member, { keyResultId: kr.id, value: "6", confidence: "on_track" }, { "Idempotency-Key": "has spaces in it" });
    expect(bad.status).toBe(400);
  });

  it("forgets keys after 24 hours, and keeps each person's keys apart", async () => {
    const { keyResults } = await arrange();
    const kr = keyResults[0]!;
    const key = randomUUID();
    const body = { keyResultId: kr.id, value: "8", confidence: "on_track" };
    await post(tokens.member, body, { "Idempotency-Key": key });
    const lead = await post(tokens.lead, body, { "Idempotency-Key": key });
    expect(lead.status).toBe(200);
    expect(lead.headers.get("idempotent-replayed")).toBeNull();
    await db.idempotencyKey.updateMany({ where: { organizationId: world.org.id, key }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    const later = await post(tokens.member, body, { "Idempotency-Key": key });
    expect(later.status).toBe(200);
    expect(later.json).toMatchObject({ version: 3 });

    // The hourly clean-up forgets the lead's expired key; the member's, just used again, stays.
    await purgeExpiredIdempotencyKeys();
    expect(await db.idempotencyKey.findMany({ where: { organizationId: world.org.id, key }, select: { userId: true } })).toEqual([{ userId: world.member.id }]);
  });

  it("stores nothing for a refused request, so a corrected retry with the same key works", async () => {
    const { keyResults } = await arrange([{ type: "yes_no" }]);
    const kr = keyResults[0]!;
    const key = randomUUID();
    const refused = await post(tokens.member, { keyResultId: kr.id, value: "0.5", confidence: "on_track" }, { "Idempotency-Key": key });
    expect(refused.status).toBe(422);
    expect(await db.idempotencyKey.count({ where: { organizationId: world.org.id, key } })).toBe(0);
    expect((await post(tokens.outsider, { keyResultId: kr.id, value: "1", confidence: "on_track" }, { "Idempotency-Key": key })).status).toBe(403);

    const corrected = await post(tokens.member, { keyResultId: kr.id.toUpperCase(), value: "1", confidence: "on_track" }, { "Idempotency-Key": key });
    expect(corrected.status).toBe(201);
    const replayed = await post(tokens.member, { keyResultId: kr.id.toUpperCase(), value: "1", confidence: "on_track" }, { "Idempotency-Key": key });
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(await snapshot(kr.id)).toMatchObject({ checkIns: 1, versions: 1, current: "1" });
  });
});

describe("listing check-ins", () => {
  it("filters by key result, team and week, a page at a time, within the organisation", async () => {
    const { keyResults } = await arrange([{}, {}, {}]);
    for (const kr of keyResults) await post(tokens.member, { keyResultId: kr.id, value: "3", confidence: "on_track" });
    const byKr = await callApi(listCheckIns, { path: `/api/v1/check-ins?keyResultId=${keyResults[0]!.id}`, token: tokens.viewer });
    expect(byKr.status).toBe(200);
    expect((byKr.json as { data: { keyResultId: string }[] }).data.map((c) => c.keyResultId)).toEqual([keyResults[0]!.id]);

    const week = isoDate(weekOf(new Date(), "UTC"));
    const page1 = await callApi(listCheckIns, { path: `/api/v1/check-ins?teamId=${world.team.id}&week=${week}&limit=2`, token: tokens.viewer });
    const body1 = page1.json as { data: { id: string; week: string }[]; nextCursor: string | null };
    expect(body1.data).toHaveLength(2);
    expect(body1.data.every((c) => c.week === week)).toBe(true);
    const page2 = await callApi(listCheckIns, { path: `/api/v1/check-ins?teamId=${world.team.id}&week=${week}&limit=200&cursor=${body1.nextCursor}`, token: tokens.viewer });
    const ids2 = (page2.json as { data: { id: string }[] }).data.map((c) => c.id);
    expect(ids2.length).toBeGreaterThanOrEqual(1);
    expect(ids2).not.toContain(body1.data[0]!.id);

    expect((await callApi(listCheckIns, { path: "/api/v1/check-ins", token: tokens.viewer })).status).toBe(400);
    expect((await callApi(listCheckIns, { path: "/api/v1/check-ins?week=2026-11-24", token: tokens.viewer })).json).toMatchObject({ errors: [{ field: "week", message: expect.stringMatching(/not a Monday/) }] });
    expect((await callApi(listCheckIns, { path: `/api/v1/check-ins?keyResultId=${keyResults[0]!.id}`, token: tokens.stranger })).status).toBe(404);
    expect((await callApi(listCheckIns, { path: `/api/v1/check-ins?week=${week}`, token: tokens.stranger })).json).toMatchObject({ data: [] });
    const id = (byKr.json as { data: { id: string }[] }).data[0]!.id;
    expect((await callApi(getCheckIn, { path: "/x", token: tokens.stranger, params: { id } })).status).toBe(404);
  });
});

describe("my week", () => {
  it("saves every filled row in one go and shows them done", async () => {
    const { keyResults } = await arrange([{}, { direction: "decrease", start: 480, target: 250 }]);
    const [a, b] = keyResults as [(typeof keyResults)[0], (typeof keyResults)[0]];
    signInAs(world.member.id);
    const result = await saveMyWeekAction({ status: "idle" }, {
      entries: [
        { keyResultId: a.id, value: "25", confidence: "on_track", note: "" },
        { keyResultId: b.id, value: "365", confidence: "at_risk", note: "Caching helped; the index migration is next." },
      ],
    });
    expect(result).toMatchObject({ status: "success", message: "2 check-ins saved" });
    expect((await snapshot(b.id)).progress).toBe("50");

    const actor = (await resolveActor(world.member.id))!;
    const myWeek = await getMyWeek(actor);
    const rows = myWeek.objectives.flatMap((o) => o.keyResults);
    expect(rows.find((r) => r.id === b.id)).toMatchObject({ current: "365", thisWeek: { value: "365", confidence: "at_risk" }, history: [expect.objectContaining({ value: "365" })] });
    expect(rows.every((r) => r.cycle.id === world.cycle.id)).toBe(true);
  });

  it("saves nothing when one row is wrong, and says which", async () => {
    const { keyResults } = await arrange([{}, {}]);
    const [a, b] = keyResults as [(typeof keyResults)[0], (typeof keyResults)[0]];
    signInAs(world.member.id);
    const result = await saveMyWeekAction({ status: "idle" }, {
      entries: [
        { keyResultId: a.id, value: "25", confidence: "on_track", note: "" },
        { keyResultId: b.id, value: "twenty", confidence: "on_track", note: "" },
      ],
    });
    expect(result).toMatchObject({ status: "error", code: "validation", fieldErrors: { "entries.1.value": [expect.stringMatching(/Enter a number/)] } });
    expect(await snapshot(a.id)).toMatchObject({ checkIns: 0, current: "0" });

    signInAs(world.viewer.id);
    const viewer = await saveMyWeekAction({ status: "idle" }, { entries: [{ keyResultId: a.id, value: "1", confidence: "on_track", note: "" }] });
    expect(viewer).toMatchObject({ status: "error", code: "forbidden" });
    expect(await snapshot(a.id)).toMatchObject({ checkIns: 0 });
  });
});

describe("history for charts", () => {
  it("rebuilds an objective's weekly progress and lists key result points, in one query each", async () => {
    const { objective, keyResults } = await arrange([{ weight: 1 }, { weight: 3 }]);
    const [a, b] = keyResults as [(typeof keyResults)[0], (typeof keyResults)[0]];
    const actor = (await resolveActor(world.member.id))!;
    await recordCheckIn(actor, { keyResultId: a.id, value: "40", confidence: "on_track", note: "" }, { now: new Date("2026-10-14T10:00:00Z") });
    await recordCheckIn(actor, { keyResultId: b.id, value: "20", confidence: "at_risk", note: "" }, { now: new Date("2026-10-21T10:00:00Z") });
    await recordCheckIn(actor, { keyResultId: a.id, value: "80", confidence: "on_track", note: "" }, { now: new Date("2026-10-28T10:00:00Z") });

    const points = await listCheckInHistory(world.org.id, [a.id, b.id]);
    expect(points.get(a.id)).toEqual([
      { week: "2026-10-12", value: "40", confidence: "on_track" },
      { week: "2026-10-26", value: "80", confidence: "on_track" },
    ]);
    const history = await objectiveProgressHistory(world.org.id, [objective.id], new Date("2026-11-04T12:00:00Z"));
    expect(history.get(objective.id)?.map((p) => [p.week, p.progress])).toEqual([
      ["2026-09-28", 0],
      ["2026-10-05", 0],
      ["2026-10-12", 10],
      ["2026-10-19", 25],
      ["2026-10-26", 35],
      ["2026-11-02", 35],
    ]);
    const stranger = await objectiveProgressHistory(randomUUID(), [objective.id]);
    expect(stranger.size).toBe(0);
  });
});

describe("team week and nudges", () => {
  it("shows who checked in and who is overdue, and lets a lead nudge once", async () => {
    const team = await db.team.create({ data: { organizationId: world.org.id, name: `Nudge team ${randomUUID().slice(0, 6)}` } });
    await db.teamMembership.create({ data: { organizationId: world.org.id, teamId: team.id, userId: world.lead.id, role: "lead" } });
    const late = await createMember(db, world.org.id, "member", { name: "Lena Late" });
    const done = await createMember(db, world.org.id, "member", { name: "Dana Done" });
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: team.id });
    const lateKr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: late.id });
    const doneKr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: done.id });
    const doneActor = (await resolveActor(done.id))!;
    await recordCheckIn(doneActor, { keyResultId: doneKr.id, value: "10", confidence: "off_track", note: "Slipping" });

    const leadActor = (await resolveActor(world.lead.id))!;
    const cycle = { id: world.cycle.id, name: world.cycle.name, state: "active" as const, startDate: world.cycle.startDate, endDate: world.cycle.endDate };
    const week = await getTeamWeek(leadActor, team.id, cycle, null);
    expect(week.people.map((p) => [p.name, p.state === "checked_in"])).toEqual([
      ["Dana Done", true],
      ["Lena Late", false],
    ]);
    expect(week.people[0]!.keyResults[0]!.checkIn).toMatchObject({ confidence: "off_track", note: "Slipping" });
    const lastWeek = await getTeamWeek(leadActor, team.id, cycle, new Date(Date.now() - 7 * 86400_000));
    expect(lastWeek.people.every((p) => p.state === "overdue")).toBe(true);

    signInAs(world.member.id);
    const notLead = await nudgeAction({ status: "idle" }, { teamId: team.id, userId: late.id });
    expect(notLead).toMatchObject({ status: "error", code: "forbidden" });

    signInAs(world.lead.id);
    const nudged = await nudgeAction({ status: "idle" }, { teamId: team.id, userId: late.id });
    expect(nudged).toMatchObject({ status: "success", message: "Nudged Lena Late" });
    const mail = await db.emailMessage.findFirst({ where: { organizationId: world.org.id, to: late.email, kind: "nudge" } });
    expect(mail?.subject).toContain("asks for your");
    expect(mail?.text).toContain(lateKr.title);
    expect(mail?.status).toBe("logged");

    const again = await nudgeAction({ status: "idle" }, { teamId: team.id, userId: late.id });
    expect(again).toMatchObject({ status: "error", code: "conflict", message: expect.stringMatching(/already nudged/) });
    const finished = await nudgeAction({ status: "idle" }, { teamId: team.id, userId: done.id });
    expect(finished).toMatchObject({ status: "error", code: "conflict", message: expect.stringMatching(/no check-ins due/) });
    expect(await db.emailMessage.count({ where: { organizationId: world.org.id, to: { in: [late.email, done.email] } } })).toBe(1);
    expect((await getTeamWeek(leadActor, team.id, cycle, null)).people.find((p) => p.userId === late.id)?.nudgedBy).toBe(world.lead.name);

    const other = await createWorld();
    signInAs(other.admin.id);
    const foreign = await nudgeAction({ status: "idle" }, { teamId: team.id, userId: late.id });
    expect(foreign).toMatchObject({ status: "error", code: "not_found" });
  });
});
