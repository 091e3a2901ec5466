import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { listCarryCandidates } from "@/lib/carry-forward/queries";
import { db } from "@/lib/db/prisma";
import { getCycleSummaryForPage, listScoringPage } from "@/lib/scoring/queries";
import { createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";

let world: World;
let admin: Actor;
let foreignTeamId: string;

beforeAll(async () => {
  world = await createWorld();
  admin = (await resolveActor(world.admin.id))!;
  await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Team goal" });
  await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "Company goal" });
  foreignTeamId = (await createTeam(db, (await createOrganization(db)).id, { name: "Theirs" })).id;
});

describe("a team the organisation does not have, in the closing pages' address", () => {
  it("filters nothing and says so, for the scoring page, the summary and the carry-forward list", async () => {
    for (const teamId of [randomUUID(), foreignTeamId]) {
      const all = await listScoringPage(admin, world.cycle.id);
      const page = await listScoringPage(admin, world.cycle.id, { teamId, unknownTeam: "ignore" });
      expect(page.isTeamUnknown).toBe(true);
      expect(page.objectives.map((o) => o.id)).toEqual(all.objectives.map((o) => o.id));

      const summary = await getCycleSummaryForPage(world.org.id, world.cycle.id, { teamId });
      expect(summary.isTeamUnknown).toBe(true);

      const carry = await listCarryCandidates(admin, world.cycle.id, { teamId, unknownTeam: "ignore" });
      expect(carry.isTeamUnknown).toBe(true);
    }
  });

  it("still narrows to a team the organisation has", async () => {
    const page = await listScoringPage(admin, world.cycle.id, { teamId: world.team.id, unknownTeam: "ignore" });
    expect(page.isTeamUnknown).toBe(false);
    expect(page.objectives.map((o) => o.title)).toEqual(["Team goal"]);
  });

  it("is not found for the API, which reports rather than ignores", async () => {
    await expect(listScoringPage(admin, world.cycle.id, { teamId: foreignTeamId })).rejects.toMatchObject({ code: "not_found" });
  });
});
