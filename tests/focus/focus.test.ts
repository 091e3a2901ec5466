import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { updateOrganizationSettingsAction } from "@/app/(app)/settings/organization/actions";
import { db } from "@/lib/db/prisma";
import { loadFocusWarnings } from "@/lib/focus/queries";
import { createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
let outsider: { id: string; orgId: string };

beforeAll(async () => {
  world = await createWorld();
  const other = await createOrganization(db);
  outsider = { id: (await createMember(db, other.id, "owner")).id, orgId: other.id };
});
beforeEach(() => signInAs(null));

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, String(v));
  return data;
}
const idle = { status: "idle" } as const;
const settingsOf = (orgId: string) =>
  db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true, maxObjectivesPerTeam: true, maxKeyResultsPerObjective: true, maxKeyResultsPerPerson: true } });

describe("organisation settings", () => {
  it("lets an admin rename the organisation and set the focus limits, with history", async () => {
    signInAs(world.admin.id);
    const state = await updateOrganizationSettingsAction(idle, form({ name: "Northwind Labs", maxObjectivesPerTeam: 3, maxKeyResultsPerObjective: 4, maxKeyResultsPerPerson: 6 }));
    expect(state).toMatchObject({ status: "success", message: "Organisation settings saved" });
    expect(await settingsOf(world.org.id)).toEqual({ name: "Northwind Labs", maxObjectivesPerTeam: 3, maxKeyResultsPerObjective: 4, maxKeyResultsPerPerson: 6 });
    const events = await db.auditEvent.findMany({ where: { organizationId: world.org.id, entityType: "organization" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["organization.renamed", "organization.focus_limits_changed"]);
    expect(events[1]).toMatchObject({ actorId: world.admin.id, before: { maxObjectivesPerTeam: 5, maxKeyResultsPerObjective: 5, maxKeyResultsPerPerson: 8 }, after: { maxObjectivesPerTeam: 3 } });
  });

  it("refuses limits outside 1-50 or not whole numbers, naming the field, and changes nothing", async () => {
    const before = await settingsOf(world.org.id);
    signInAs(world.owner.id);
    const cases: [Record<string, string | number>, string][] = [
      [{ maxObjectivesPerTeam: 0 }, "maxObjectivesPerTeam"],
      [{ maxKeyResultsPerObjective: 51 }, "maxKeyResultsPerObjective"],
      [{ maxKeyResultsPerPerson: "2.5" }, "maxKeyResultsPerPerson"],
      [{ maxKeyResultsPerPerson: "many" }, "maxKeyResultsPerPerson"],
      [{ name: "" }, "name"],
    ];
    for (const [override, field] of cases) {
      const state = await updateOrganizationSettingsAction(idle, form({ name: "Renamed", maxObjectivesPerTeam: 2, maxKeyResultsPerObjective: 2, maxKeyResultsPerPerson: 2, ...override }));
      expect(state.status, JSON.stringify(override)).toBe("error");
      if (state.status !== "error") continue;
      expect(state.code).toBe("validation");
      expect(Object.keys(state.fieldErrors), JSON.stringify(override)).toEqual([field]);
    }
    const missing = await updateOrganizationSettingsAction(idle, form({ name: "Renamed", maxObjectivesPerTeam: 2, maxKeyResultsPerObjective: 2 }));
    expect(missing.status === "error" && missing.fieldErrors.maxKeyResultsPerPerson?.[0]).toBe("Key results per person: enter a whole number from 1 to 50");
    expect(await settingsOf(world.org.id)).toEqual(before);
  });

  it("is refused to members and viewers, and another organisation's owner only changes their own", async () => {
    const before = await settingsOf(world.org.id);
    const values = { name: "Taken over", maxObjectivesPerTeam: 9, maxKeyResultsPerObjective: 9, maxKeyResultsPerPerson: 9 };
    for (const userId of [world.member.id, world.lead.id, world.viewer.id]) {
      signInAs(userId);
      expect(await updateOrganizationSettingsAction(idle, form(values))).toMatchObject({ status: "error", code: "forbidden" });
    }
    signInAs(outsider.id);
    expect(await updateOrganizationSettingsAction(idle, form(values))).toMatchObject({ status: "success" });
    expect(await settingsOf(world.org.id)).toEqual(before);
    expect((await settingsOf(outsider.orgId)).name).toBe("Taken over");
  });
});

describe("loadFocusWarnings", () => {
  it("marks teams, objectives and people past the organisation's limits, counting active and draft objectives only", async () => {
    const org = await createOrganization(db);
    await db.organization.update({ where: { id: org.id }, data: { maxObjectivesPerTeam: 2, maxKeyResultsPerObjective: 2, maxKeyResultsPerPerson: 3 } });
    const [ana, ben] = [await createMember(db, org.id, "member", { name: "Ana" }), await createMember(db, org.id, "member", { name: "Ben" })];
    const busy = await createTeam(db, org.id, { name: "Busy" });
    const calm = await createTeam(db, org.id, { name: "Calm" });
    const cycle = await createCycle(db, org.id);
    const busyObjectives = [];
    for (const state of ["active", "draft", "active", "done", "abandoned"] as const) {
      busyObjectives.push(await createObjective(db, org.id, { cycleId: cycle.id, ownerId: ana.id, teamId: busy.id, state, title: `Busy ${state}` }));
    }
    await createObjective(db, org.id, { cycleId: cycle.id, ownerId: ben.id, teamId: calm.id, level: "personal" });
    await createObjective(db, org.id, { cycleId: cycle.id, ownerId: ben.id, teamId: calm.id, level: "personal" });
    await createObjective(db, org.id, { cycleId: cycle.id, ownerId: ben.id, teamId: calm.id, level: "personal" });
    const crowded = busyObjectives[0]!;
    for (let i = 0; i < 3; i++) await createKeyResult(db, org.id, { objectiveId: crowded.id, ownerId: ana.id, target: 10 });
    await createKeyResult(db, org.id, { objectiveId: busyObjectives[1]!.id, ownerId: ana.id, target: 10 });
    for (let i = 0; i < 4; i++) await createKeyResult(db, org.id, { objectiveId: busyObjectives[3]!.id, ownerId: ben.id, target: 10 });

    const warnings = await loadFocusWarnings(org.id, cycle.id);
    expect(warnings).toEqual({
      limits: { maxObjectivesPerTeam: 2, maxKeyResultsPerObjective: 2, maxKeyResultsPerPerson: 3 },
      teams: [{ teamId: busy.id, name: "Busy", count: 3, limit: 2 }],
      objectives: [{ objectiveId: crowded.id, title: "Busy active", count: 3, limit: 2 }],
      people: [{ userId: ana.id, name: "Ana", count: 4, limit: 3 }],
    });

    // Another organisation's view of the same cycle id finds nothing of it.
    const other = await loadFocusWarnings(world.org.id, cycle.id);
    expect([other.teams, other.objectives, other.people]).toEqual([[], [], []]);
  });
});
