import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getPlanning } from "@/app/api/v1/cycles/[id]/planning/route";
import { PlanningChecklistView } from "@/components/planning/planning-checklist";
import { ObjectiveQuality } from "@/components/quality/objective-quality";
import { getObjectivePage } from "@/lib/objectives/queries";
import { loadObjectiveCoach } from "@/lib/quality/queries";
import { db } from "@/lib/db/prisma";
import { loadPlanningChecklist, type PlanningChecklist } from "@/lib/planning/queries";
import { PlanningChecklistSchema } from "@/lib/planning/operation";
import { addTeamMember, createApiToken, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

// The same test database, through a client that counts each SQL statement: the checklist of a whole cycle must cost
// the same few statements however many objectives it holds.
const statements = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/db/prisma", async () => {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const { poolConfigFromUrl } = await import("@/lib/db/connection");
  const client = new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(process.env.DATABASE_URL!, { max: 4 })), log: [{ emit: "event", level: "query" }] });
  client.$on("query", () => {
    statements.count += 1;
  });
  return { db: client };
});

let world: World;
let checklist: PlanningChecklist;
const ids: Record<string, string> = {};
let otherOrg: { cycleId: string; token: string };
let token: string;

const why = "Customers told us so three times this quarter.";

beforeAll(async () => {
  world = await createWorld();
  const orgId = world.org.id;
  await db.organization.update({ where: { id: orgId }, data: { maxKeyResultsPerObjective: 2 } });
  const cycle = await createCycle(db, orgId, { state: "planning" });
  ids.cycle = cycle.id;
  const bare = await createTeam(db, orgId, { name: "Bare team" });
  ids.bareTeam = bare.id;
  const archived = await createTeam(db, orgId, { name: "Archived team" });
  await db.team.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
  const elsewhere = await createTeam(db, orgId, { name: "Elsewhere" });
  const platform = await createTeam(db, orgId, { name: "Platform", parentId: world.team.id });
  const platformEngineer = await createMember(db, orgId, "member");
  await addTeamMember(db, orgId, platform.id, platformEngineer.id);

  const base = { cycleId: cycle.id, ownerId: world.owner.id };
  const company = await createObjective(db, orgId, { ...base, level: "company", title: "Be the easiest shop to buy from", whyItMatters: why });
  ids.company = company.id;
  await createKeyResult(db, orgId, { objectiveId: company.id, title: "Raise conversion", type: "percent", start: 2, target: 4, unit: "%" });

  const busy = await createObjective(db, orgId, { ...base, teamId: world.team.id, title: "Make checkout effortless", parentObjectiveId: company.id });
  ids.busy = busy.id;
  ids.launch = (await createKeyResult(db, orgId, { objectiveId: busy.id, title: "Launch the new checkout", type: "yes_no", ownerId: world.lead.id })).id;
  ids.flat = (await createKeyResult(db, orgId, { objectiveId: busy.id, title: "Checkout time", start: 90, target: 90, unit: "", ownerId: world.lead.id })).id;
  await createKeyResult(db, orgId, { objectiveId: busy.id, title: "Cut abandoned carts", type: "percent", direction: "decrease", start: 30, target: 20, unit: "%", ownerId: platformEngineer.id });

  const empty = await createObjective(db, orgId, { ...base, teamId: world.team.id, title: "Tidy the catalogue", whyItMatters: why, parentObjectiveId: company.id });
  ids.empty = empty.id;

  const personal = await createObjective(db, orgId, { ...base, ownerId: world.member.id, level: "personal", teamId: world.team.id, title: "Learn the payments stack", whyItMatters: why });
  ids.personal = personal.id;
  await createKeyResult(db, orgId, { objectiveId: personal.id, title: "Pair on payment incidents", start: 0, target: 6, unit: "sessions" });

  // Elsewhere's objective whose only key result is owned by someone of another team.
  const borrowed = await createObjective(db, orgId, { ...base, teamId: elsewhere.id, title: "Faster refunds", whyItMatters: why, parentObjectiveId: company.id });
  ids.borrowed = borrowed.id;
  await createKeyResult(db, orgId, { objectiveId: borrowed.id, title: "Cut refund time", direction: "decrease", start: 10, target: 3, unit: "days", ownerId: world.lead.id });

  // Abandoned objectives are no longer part of the plan, whatever they lack.
  await createObjective(db, orgId, { ...base, teamId: bare.id, state: "abandoned", title: "Abandoned idea", abandonReason: "No longer needed" });

  const other = await createOrganization(db);
  const otherOwner = await createMember(db, other.id, "owner");
  const otherCycle = await createCycle(db, other.id, { state: "planning" });
  const otherObjective = await createObjective(db, other.id, { cycleId: otherCycle.id, ownerId: otherOwner.id, title: "Secret other-org objective" });
  await createKeyResult(db, other.id, { objectiveId: otherObjective.id, title: "Secret other-org key result", start: 1, target: 1 });
  otherOrg = { cycleId: otherCycle.id, token: (await createApiToken(db, other.id, otherOwner.id)).secret };
  token = (await createApiToken(db, orgId, world.viewer.id)).secret;

  checklist = await loadPlanningChecklist({ orgId }, cycle.id);
});

const titles = (items: { title: string }[]) => items.map((i) => i.title);

describe("loadPlanningChecklist", () => {
  it("counts the plan and lists teams, not archived, that have no objective in the cycle", () => {
    expect(checklist.cycle.id).toBe(ids.cycle);
    expect(checklist.totals).toEqual({ teams: 4, objectives: 5, keyResults: 6 });
    expect(checklist.teamsWithoutObjective).toEqual({ total: 2, items: [{ id: ids.bareTeam, name: "Bare team" }, expect.objectContaining({ name: "Platform" })] });
  });

  it("lists objectives with no key result and key results whose target is their start", () => {
    expect(checklist.objectivesWithoutKeyResults).toEqual({ total: 1, items: [{ id: ids.empty, title: "Tidy the catalogue", level: "team", teamName: world.team.name }] });
    expect(checklist.keyResultsWithoutTarget.total).toBe(1);
    expect(checklist.keyResultsWithoutTarget.items[0]).toMatchObject({ id: ids.flat, title: "Checkout time", objective: { id: ids.busy } });
  });

  it("lists team and personal objectives aligned to nothing, never company ones", () => {
    expect(titles(checklist.unalignedObjectives.items)).toEqual(["Learn the payments stack"]);
  });

  it("marks what is over the focus limits", () => {
    expect(checklist.focus.objectives).toEqual([{ objectiveId: ids.busy, title: "Make checkout effortless", count: 3, limit: 2 }]);
    expect(checklist.focus.teams).toEqual([]);
  });

  it("groups the quality coach's flags by rule, with the objectives they concern", () => {
    const byRule = Object.fromEntries(checklist.quality.map((g) => [g.ruleId, { objectives: titles(g.objectives), flags: g.flagCount }]));
    expect(byRule).toEqual({
      missing_why: { objectives: ["Make checkout effortless"], flags: 1 },
      output_key_result: { objectives: ["Make checkout effortless"], flags: 1 },
      target_equals_start: { objectives: ["Make checkout effortless"], flags: 1 },
      missing_unit: { objectives: ["Make checkout effortless"], flags: 1 },
      too_many_key_results: { objectives: ["Make checkout effortless"], flags: 1 },
      key_results_owned_elsewhere: { objectives: ["Faster refunds"], flags: 1 },
      personal_unaligned: { objectives: ["Learn the payments stack"], flags: 1 },
    });
  });

  it("does not count a key result owned in a team beneath the objective's team as owned elsewhere", async () => {
    // "Make checkout effortless" has key results owned by the team's lead and by an engineer of Platform, beneath it;
    // were both elsewhere, the rule would flag it beside "Faster refunds".
    expect(checklist.quality.find((g) => g.ruleId === "key_results_owned_elsewhere")?.objectives.map((o) => o.id)).toEqual([ids.borrowed]);
  });

  it("leaves out the rules the organisation switched off", async () => {
    await db.organization.update({ where: { id: world.org.id }, data: { disabledQualityRules: ["missing_why", "personal_unaligned"] } });
    try {
      const again = await loadPlanningChecklist({ orgId: world.org.id }, ids.cycle!);
      expect(again.quality.map((g) => g.ruleId)).not.toContain("missing_why");
      expect(again.quality.map((g) => g.ruleId)).not.toContain("personal_unaligned");
      expect(again.disabledRules).toEqual(["missing_why", "personal_unaligned"]);
      // The planning lists themselves do not depend on the coach.
      expect(titles(again.unalignedObjectives.items)).toEqual(["Learn the payments stack"]);
    } finally {
      await db.organization.update({ where: { id: world.org.id }, data: { disabledQualityRules: [] } });
    }
  });

  it("reads a whole cycle in the same few statements, however many objectives it holds", async () => {
    const empty = await createCycle(db, world.org.id, { state: "planning" });
    statements.count = 0;
    await loadPlanningChecklist({ orgId: world.org.id }, empty.id);
    const forEmpty = statements.count;
    statements.count = 0;
    await loadPlanningChecklist({ orgId: world.org.id }, ids.cycle!);
    expect(statements.count).toBe(forEmpty);
    // The cycles (a page's actor brings them along), BEGIN, the read timeout, the statement, COMMIT.
    expect(forEmpty).toBeLessThanOrEqual(5);
  });

  it("finds nothing of another organisation's cycle", async () => {
    await expect(loadPlanningChecklist({ orgId: world.org.id }, otherOrg.cycleId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("GET /api/v1/cycles/{id}/planning", () => {
  it("answers the checklist in the documented shape, to any member", async () => {
    const res = await callApi(getPlanning, { path: `/api/v1/cycles/${ids.cycle}/planning`, token, params: { id: ids.cycle! } });
    expect(res.status).toBe(200);
    const body = PlanningChecklistSchema.parse(res.json);
    expect(body.cycle).toMatchObject({ id: ids.cycle, state: "planning" });
    expect(body.objectivesWithoutKeyResults.items.map((o) => o.id)).toEqual([ids.empty]);
    expect(body.focus.objectives).toEqual([{ objectiveId: ids.busy, title: "Make checkout effortless", count: 3, limit: 2 }]);
  });

  it("answers 404 for another organisation's cycle, with nothing of it in the answer", async () => {
    const res = await callApi(getPlanning, { path: `/api/v1/cycles/${otherOrg.cycleId}/planning`, token, params: { id: otherOrg.cycleId } });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.json)).not.toContain("Secret");
    // Its own organisation sees it.
    const own = await callApi(getPlanning, { path: `/api/v1/cycles/${otherOrg.cycleId}/planning`, token: otherOrg.token, params: { id: otherOrg.cycleId } });
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.json)).toContain("Secret other-org key result");
  });

  it("answers 404 for an id that is not one, and 401 without a token", async () => {
    expect((await callApi(getPlanning, { path: "/api/v1/cycles/nope/planning", token, params: { id: "nope" } })).status).toBe(404);
    expect((await callApi(getPlanning, { path: `/api/v1/cycles/${ids.cycle}/planning`, params: { id: ids.cycle! } })).status).toBe(401);
  });
});

describe("what people see", () => {
  it("the planning check sums up every check and links each missing item to where it is fixed", () => {
    const html = renderToStaticMarkup(createElement(PlanningChecklistView, { checklist }));
    expect(html).toContain("Objectives with no key result");
    expect(html).toContain(`href="/objectives/${ids.empty}"`);
    expect(html).toContain(`href="/teams/${ids.bareTeam}?cycle=${ids.cycle}"`);
    expect(html).toContain("Key results with no owner");
    expect(html).toContain("every key result has one");
    expect(html).not.toContain("Archived team");
    expect(html).toContain("Name the change the work should cause");
  });

  it("an objective's page shows the coach's suggestions for it, and nothing for one that needs none", async () => {
    const busy = await getObjectivePage(world.org.id, ids.busy!);
    const html = renderToStaticMarkup(createElement(ObjectiveQuality, { objective: busy.objective, coach: await loadObjectiveCoach(world.org.id, ids.busy!) }));
    expect(html).toContain("Why it matters:");
    expect(html).toContain("Outcome, not output · “Launch the new checkout”");
    expect(html).toContain("Target away from the start · “Checkout time”");
    const company = await getObjectivePage(world.org.id, ids.company!);
    expect(renderToStaticMarkup(createElement(ObjectiveQuality, { objective: company.objective, coach: await loadObjectiveCoach(world.org.id, ids.company!) }))).toBe("");
  });
});
