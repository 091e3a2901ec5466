import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postCycle } from "@/app/api/v1/cycles/route";
import { PATCH as patchCycle } from "@/app/api/v1/cycles/[id]/route";
import { activateCycleAction, createCycleAction, setDefaultCycleAction, updateCycleAction } from "@/app/(app)/cycles/actions";
import { db } from "@/lib/db/prisma";
import { createApiToken, createCycle } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
let adminToken: string;

beforeAll(async () => {
  world = await createWorld();
  adminToken = (await createApiToken(db, world.org.id, world.admin.id)).secret;
});
beforeEach(() => signInAs(null));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
const idle = { status: "idle" } as const;
const unique = () => Math.random().toString(36).slice(2, 8);

const auditOf = (entityId: string, action: string) =>
  db.auditEvent.findFirst({ where: { organizationId: world.org.id, entityId, action }, select: { actorId: true, before: true, after: true } });

describe("updateCycleAction", () => {
  it("renames a cycle and moves its dates, and records who did it", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "planning" });
    const name = `Renamed ${unique()}`;
    signInAs(world.admin.id);
    const state = await updateCycleAction(idle, form({ cycleId: cycle.id, name, startDate: "2027-01-04", endDate: "2027-03-26" }));
    expect(state).toMatchObject({ status: "success", message: "Cycle saved", data: { id: cycle.id } });
    expect(await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({
      name,
      startDate: new Date("2027-01-04T00:00:00Z"),
      endDate: new Date("2027-03-26T00:00:00Z"),
      state: "planning",
    });
    const audit = await auditOf(cycle.id, "cycle.updated");
    expect(audit).toMatchObject({ actorId: world.admin.id, before: { name: cycle.name }, after: { name } });
  });

  it("names the date that is wrong, and leaves the cycle as it was", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "planning" });
    signInAs(world.admin.id);
    const state = await updateCycleAction(idle, form({ cycleId: cycle.id, endDate: "2027-02-30" }));
    expect(state).toMatchObject({ status: "error", code: "validation", fieldErrors: { endDate: ["Enter the end date as a real date, like 2027-01-01"] } });
    expect(await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({ name: cycle.name, endDate: cycle.endDate });
  });
});

describe("setDefaultCycleAction", () => {
  it("makes another cycle the one everyone sees first", async () => {
    const next = await createCycle(db, world.org.id, { state: "planning", name: `Next ${unique()}` });
    signInAs(world.admin.id);
    const state = await setDefaultCycleAction(idle, form({ cycleId: next.id }));
    expect(state).toMatchObject({ status: "success", message: `${next.name} is now the default view` });
    expect((await db.organization.findUniqueOrThrow({ where: { id: world.org.id } })).defaultCycleId).toBe(next.id);
    expect(await auditOf(next.id, "cycle.made_default")).toMatchObject({ actorId: world.admin.id, before: { defaultCycleId: world.cycle.id }, after: { defaultCycleId: next.id } });

    // Putting it back keeps the rest of this file on the world's own cycle.
    expect(await setDefaultCycleAction(idle, form({ cycleId: world.cycle.id }))).toMatchObject({ status: "success" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: world.org.id } })).defaultCycleId).toBe(world.cycle.id);
  });

  it("refuses a member without changing the default", async () => {
    const other = await createCycle(db, world.org.id, { state: "planning" });
    signInAs(world.member.id);
    expect(await setDefaultCycleAction(idle, form({ cycleId: other.id }))).toMatchObject({ status: "error", code: "forbidden" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: world.org.id } })).defaultCycleId).toBe(world.cycle.id);
  });
});

describe("activateCycleAction", () => {
  it("activates a cycle in planning, leaving the active default in place", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "planning", name: `Planned ${unique()}` });
    signInAs(world.admin.id);
    const state = await activateCycleAction(idle, form({ cycleId: cycle.id }));
    expect(state).toMatchObject({ status: "success", message: `${cycle.name} is active` });
    expect((await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).state).toBe("active");
    expect((await db.organization.findUniqueOrThrow({ where: { id: world.org.id } })).defaultCycleId).toBe(world.cycle.id);
    expect(await auditOf(cycle.id, "cycle.activated")).toMatchObject({ actorId: world.admin.id, before: { state: "planning" }, after: { state: "active" } });
  });

  it("makes the first active cycle of an organisation its default", async () => {
    const fresh = await createWorld();
    await db.organization.update({ where: { id: fresh.org.id }, data: { defaultCycleId: null } });
    await db.cycle.update({ where: { id: fresh.cycle.id }, data: { state: "planning" } });
    signInAs(fresh.owner.id);
    expect(await activateCycleAction(idle, form({ cycleId: fresh.cycle.id }))).toMatchObject({ status: "success" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: fresh.org.id } })).defaultCycleId).toBe(fresh.cycle.id);
  });
});

describe("PATCH /api/v1/cycles/:id", () => {
  it("renames a cycle and changes its dates, answering with the cycle as it now is", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "active" });
    const name = `API renamed ${unique()}`;
    const res = await callApi(patchCycle, { method: "PATCH", path: "/x", token: adminToken, params: { id: cycle.id }, body: { name, startDate: "2026-10-05", endDate: "2026-12-18" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: cycle.id, name, startDate: "2026-10-05", endDate: "2026-12-18", state: "active" });
    expect(await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({ name, startDate: new Date("2026-10-05T00:00:00Z") });
    expect(await auditOf(cycle.id, "cycle.updated")).toMatchObject({ actorId: world.admin.id, after: { name } });
  });

  it("answers 422 naming the date that is wrong", async () => {
    const cycle = await createCycle(db, world.org.id, { state: "planning" });
    const res = await callApi(patchCycle, { method: "PATCH", path: "/x", token: adminToken, params: { id: cycle.id }, body: { startDate: "soon" } });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ errors: [{ field: "startDate", message: "Enter the start date as a real date, like 2027-01-01" }] });
    expect((await db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).startDate).toEqual(cycle.startDate);
  });
});

describe("custom dates when creating a cycle", () => {
  it("names the missing date on the form instead of a message about the whole form", async () => {
    signInAs(world.admin.id);
    const name = `Custom ${unique()}`;
    const state = await createCycleAction(idle, form({ name, endDate: "2027-12-31" }));
    expect(state).toMatchObject({ status: "error", code: "validation", fieldErrors: { startDate: ["Enter the start date, like 2027-01-01"] }, values: { name, endDate: "2027-12-31" } });
    if (state.status === "error") expect(Object.keys(state.fieldErrors)).toEqual(["startDate"]);
    expect(await db.cycle.count({ where: { organizationId: world.org.id, name } })).toBe(0);
  });

  it("lists every wrong field in the API's problem, and still accepts a quarter", async () => {
    const res = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token: adminToken, body: { name: "Half year", startDate: "2027-13-01" } });
    expect(res.status).toBe(422);
    expect(res.contentType).toContain("application/problem+json");
    const fields = (res.json as { errors: { field: string; message: string }[] }).errors;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: "startDate", message: "Enter the start date as a real date, like 2027-01-01" },
        { field: "endDate", message: "Enter the end date, like 2027-01-01" },
      ]),
    );
    expect(fields).toHaveLength(2);

    const quarter = await callApi(postCycle, { method: "POST", path: "/api/v1/cycles", token: adminToken, body: { quarter: "2028-Q3" } });
    expect(quarter.status).toBe(201);
    expect(quarter.json).toMatchObject({ name: "Q3 2028", startDate: "2028-07-01", endDate: "2028-09-30" });
  });
});
