import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { resolveObjectivePrefill } from "@/lib/objectives/prefill";
import { createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";

let A: World;
let parentKr: { id: string; title: string };
let foreign: { objectiveId: string; keyResultId: string; teamId: string };

beforeAll(async () => {
  A = await createWorld();
  const company = await createObjective(db, A.org.id, { cycleId: A.cycle.id, ownerId: A.admin.id, title: "Prefill company objective" });
  parentKr = await createKeyResult(db, A.org.id, { objectiveId: company.id, title: "Prefill measure", target: 10 });
  const B = await createOrganization(db);
  const ownerB = await createMember(db, B.id, "owner");
  const cycleB = await createCycle(db, B.id);
  const objectiveB = await createObjective(db, B.id, { cycleId: cycleB.id, ownerId: ownerB.id, title: "B's secret objective" });
  const krB = await createKeyResult(db, B.id, { objectiveId: objectiveB.id, title: "B's secret measure", target: 5 });
  const teamB = await createTeam(db, B.id, { name: "B's secret team" });
  foreign = { objectiveId: objectiveB.id, keyResultId: krB.id, teamId: teamB.id };
});

describe("the new-objective page's address", () => {
  it("fills in the team, the level and the key result to align to, with the key result's cycle", async () => {
    const prefill = await resolveObjectivePrefill(A.org.id, { team: A.team.id, parentKeyResult: parentKr.id });
    expect(prefill).toMatchObject({ teamId: A.team.id, level: "team", parentCycleId: A.cycle.id, problems: [] });
    expect(prefill.parent).toEqual({ value: `key_result:${parentKr.id}`, label: "↳ Prefill measure (Prefill company objective)" });
  });

  it("offers the level usually aligned beneath the parent when the address names none", async () => {
    const company = await createObjective(db, A.org.id, { cycleId: A.cycle.id, ownerId: A.admin.id, title: "Prefill company parent" });
    const personal = await createObjective(db, A.org.id, { cycleId: A.cycle.id, ownerId: A.member.id, title: "Prefill personal parent", level: "personal", teamId: A.team.id });
    expect((await resolveObjectivePrefill(A.org.id, { parentObjective: company.id })).level).toBe("team");
    expect((await resolveObjectivePrefill(A.org.id, { parentKeyResult: parentKr.id })).level).toBe("team");
    expect((await resolveObjectivePrefill(A.org.id, { parentObjective: personal.id })).level).toBe("personal");
    expect((await resolveObjectivePrefill(A.org.id, { parentObjective: company.id, level: "personal" })).level).toBe("personal");
  });

  it("explains another organisation's ids the same way as unknown ones and shows nothing of them", async () => {
    const prefill = await resolveObjectivePrefill(A.org.id, { team: foreign.teamId, parentObjective: foreign.objectiveId });
    expect(prefill).toMatchObject({ teamId: null, parent: null, parentCycleId: null });
    expect(prefill.problems).toEqual([
      "The team in the address was not found in this organisation: choose one below.",
      "The objective to align to was not found in this organisation: choose what this contributes to below.",
    ]);
    const viaKr = await resolveObjectivePrefill(A.org.id, { parentKeyResult: foreign.keyResultId });
    expect(viaKr.parent).toBeNull();
    expect(JSON.stringify([prefill, viaKr])).not.toContain("secret");
  });

  it("explains malformed values instead of failing", async () => {
    const prefill = await resolveObjectivePrefill(A.org.id, { team: "not-an-id", level: "galaxy", cycle: "42" });
    expect(prefill.problems).toEqual(["cycle is not a cycle id", "team is not a team id", "level must be company, team or personal"]);
    expect(prefill).toMatchObject({ teamId: null, level: null, cycleParam: null });
  });
});
