import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCycles, POST as postCycle } from "@/app/api/v1/cycles/route";
import { GET as getCycle, PATCH as patchCycle } from "@/app/api/v1/cycles/[id]/route";
import { POST as activate } from "@/app/api/v1/cycles/[id]/activate/route";
import { POST as close } from "@/app/api/v1/cycles/[id]/close/route";
import { createCycleAction } from "@/app/(app)/cycles/actions";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCycle } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
let adminToken: string;
let memberToken: string;

beforeAll(async () => {
  world = await createWorld();
  adminToken = (await createApiToken(db, world.org.id, world.admin.id)).secret;
  memberToken = (await createApiToken(db, world.org.id, world.member.id)).secret;
});

describe("cycles API", () => {
  it("creates a quarter from its preset, in planning", async () => {
    const res = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token: adminToken, body: { quarter: "2027-Q2" } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: "Q2 2027", startDate: "2027-04-01", endDate: "2027-06-30", state: "planning" });
    const audit = await db.auditEvent.findFirst({ where: { organizationId: world.org.id, action: "cycle.created", entityId: (res.json as { id: string }).id } });
    expect(audit?.actorId).toBe(world.admin.id);
  });

  it("refuses an end date before the start, naming the field", async () => {
    const before = await db.cycle.count({ where: { organizationId: world.org.id } });
    const res = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token: adminToken, body: { name: "Backwards", startDate: "2027-06-30", endDate: "2027-01-01" } });
    expect(res.status).toBe(422);
    expect(res.contentType).toContain("application/problem+json");
    expect(res.json).toMatchObject({ status: 422, errors: [{ field: "endDate", message: "The end date must be after the start date" }] });
    expect(await db.cycle.count({ where: { organizationId: world.org.id } })).toBe(before);
  });

  it("refuses malformed input with 400 or 422, never 500", async () => {
    const notJson = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token: adminToken, body: "{not json" });
    expect(notJson.status).toBe(400);
    const badDate = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token: adminToken, body: { name: "X", startDate: "2027-02-30", endDate: "2027-03-01" } });
    expect(badDate.status).toBe(422);
    const badLimit = await callApi(listCycles, { path: "/api/v1/cycles?limit=abc", token: adminToken });
    expect(badLimit.status).toBe(400);
    expect(badLimit.json).toMatchObject({ errors: [{ field: "limit" }] });
  });

  it("lets only admins manage cycles", async () => {
    const res = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token: memberToken, body: { quarter: "2027-Q3" } });
    expect(res.status).toBe(403);
    expect(await db.cycle.count({ where: { organizationId: world.org.id, name: "Q3 2027" } })).toBe(0);
  });

  it("activates a cycle in planning once, and closes an active one", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "planning" });
    const first = await callApi(activate, { method: "POST", path: "/x", token: adminToken, params: { id: cycle.id } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ state: "active" });
    const again = await callApi(activate, { method: "POST", path: "/x", token: adminToken, params: { id: cycle.id } });
    expect(again.status).toBe(409);
    const closed = await callApi(close, { method: "POST", path: "/x", token: adminToken, params: { id: cycle.id }, body: {} });
    expect(closed.json).toMatchObject({ state: "closed" });
    const rename = await callApi(patchCycle, { method: "PATCH", path: "/x", token: adminToken, params: { id: cycle.id }, body: { name: "Renamed" } });
    expect(rename.status).toBe(409);
    expect((rename.json as { detail: string }).detail).toMatch(/closed and read-only/);
  });

  it("lists cycles page by page", async () => {
    for (let i = 0; i < 3; i++) await createCycle(db, world.org.id);
    const first = await callApi(listCycles, { path: "/api/v1/cycles?limit=2", token: memberToken });
    const body = first.json as { data: { id: string }[]; nextCursor: string };
    expect(body.data).toHaveLength(2);
    const second = await callApi(listCycles, { path: `/api/v1/cycles?limit=2&cursor=${body.nextCursor}`, token: memberToken });
    const ids = (second.json as { data: { id: string }[] }).data.map((c) => c.id);
    expect(ids).not.toContain(body.data[0]!.id);
    expect(ids.length).toBeGreaterThan(0);
  });

  it("answers 401 without a token and 404 for ids that are not there", async () => {
    expect((await callApi(listCycles, { path: "/api/v1/cycles" })).status).toBe(401);
    expect((await callApi(listCycles, { path: "/api/v1/cycles", token: "keel_not-a-real-token" })).status).toBe(401);
    expect((await callApi(getCycle, { path: "/x", token: memberToken, params: { id: "not-a-uuid" } })).status).toBe(404);
    expect((await callApi(getCycle, { path: "/x", token: memberToken, params: { id: "0195d3a0-0000-7000-8000-000000000000" } })).status).toBe(404);
  });
});

describe("cycle actions", () => {
  it("create a cycle for an admin, and refuse a member without writing", async () => {
    signInAs(world.admin.id);
    const form = new FormData();
    form.set("name", "FY 2027");
    form.set("startDate", "2027-01-01");
    form.set("endDate", "2027-12-31");
    const ok = await createCycleAction({ status: "idle" }, form);
    expect(ok).toMatchObject({ status: "success", message: "FY 2027 created, in planning" });

    signInAs(world.member.id);
    form.set("name", "Member's cycle");
    const refused = await createCycleAction({ status: "idle" }, form);
    expect(refused).toMatchObject({ status: "error", code: "forbidden" });
    expect(await db.cycle.count({ where: { organizationId: world.org.id, name: "Member's cycle" } })).toBe(0);
  });
});
