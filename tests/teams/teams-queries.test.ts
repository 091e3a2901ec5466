import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { getTeamPage, listTeamTree } from "@/lib/teams/queries";
import { flattenTeamTree } from "@/lib/teams/tree";
import { addTeamMember, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";

// The same test database as everywhere, through a client that also reports each SQL statement, so the tests can
// prove the number of queries does not grow with the number of teams.
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

async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; count: number; ms: number }> {
  const started = performance.now();
  statements.count = 0;
  const result = await work();
  return { result, count: statements.count, ms: performance.now() - started };
}

let world: World;
let rival: World;

beforeAll(async () => {
  [world, rival] = await Promise.all([createWorld(), createWorld()]);
});

describe("listTeamTree", () => {
  it("nests the organisation's teams with member counts and lead names, leaving out archived teams unless asked", async () => {
    const org = await createOrganization(db);
    const [ana, bo, cy] = await Promise.all([
      createMember(db, org.id, "member", { name: "Ana Alves" }),
      createMember(db, org.id, "member", { name: "Bo Berg" }),
      createMember(db, org.id, "member", { name: "Cy Cole" }),
    ]);
    const eng = await createTeam(db, org.id, { name: "Engineering" });
    const web = await createTeam(db, org.id, { name: "Web", parentId: eng.id });
    await createTeam(db, org.id, { name: "API", parentId: eng.id });
    const old = await db.team.create({ data: { organizationId: org.id, name: "Legacy", parentId: eng.id, archivedAt: new Date() } });
    await addTeamMember(db, org.id, eng.id, cy.id, "lead");
    await addTeamMember(db, org.id, eng.id, ana.id, "lead");
    await addTeamMember(db, org.id, web.id, ana.id, "member");
    await addTeamMember(db, org.id, web.id, bo.id, "member");
    await addTeamMember(db, org.id, old.id, bo.id, "lead");

    const tree = await listTeamTree(org.id);
    expect(tree).toHaveLength(1);
    const [root] = tree;
    expect(root).toMatchObject({ name: "Engineering", memberCount: 2, leads: [{ name: "Ana Alves" }, { name: "Cy Cole" }], depth: 0 });
    expect(root!.children.map((c) => [c.name, c.memberCount, c.leads.length, c.depth])).toEqual([
      ["API", 0, 0, 1],
      ["Web", 2, 0, 1],
    ]);

    const withArchived = await listTeamTree(org.id, { includeArchived: true });
    expect(withArchived[0]!.children.map((c) => [c.name, c.isArchived])).toEqual([
      ["API", false],
      ["Legacy", true],
      ["Web", false],
    ]);
  });

  it("never includes another organisation's teams", async () => {
    const ids = flattenTeamTree(await listTeamTree(world.org.id, { includeArchived: true })).map((t) => t.id);
    expect(ids).toContain(world.team.id);
    expect(ids).not.toContain(rival.team.id);
  });
});

describe("getTeamPage", () => {
  it("gathers the path, sub-teams, members and the cycle's objectives with progress, owner and the worst confidence", async () => {
    const dept = await createTeam(db, world.org.id, { name: "Delivery" });
    const team = await createTeam(db, world.org.id, { name: "Couriers", parentId: dept.id });
    const sub = await createTeam(db, world.org.id, { name: "Night shift", parentId: team.id });
    await db.team.create({ data: { organizationId: world.org.id, name: "Bikes", parentId: team.id, archivedAt: new Date() } });
    await addTeamMember(db, world.org.id, team.id, world.member.id, "member");
    await addTeamMember(db, world.org.id, team.id, world.lead.id, "lead");
    await addTeamMember(db, world.org.id, sub.id, world.member.id, "member");

    const personal = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, teamId: team.id, level: "personal", title: "Learn the routes", position: 0 });
    const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: team.id, title: "Deliver on time", position: 1 });
    const fine = await createKeyResult(db, world.org.id, { objectiveId: objective.id, start: 0, target: 100 });
    const late = await createKeyResult(db, world.org.id, { objectiveId: objective.id, start: 0, target: 100 });
    await createCheckIn(db, world.org.id, { keyResultId: fine.id, authorId: world.lead.id, week: new Date(Date.UTC(2026, 9, 5)), value: 80, confidence: "on_track" });
    await createCheckIn(db, world.org.id, { keyResultId: late.id, authorId: world.lead.id, week: new Date(Date.UTC(2026, 9, 5)), value: 20, confidence: "at_risk" });
    const otherCycle = await createCycle(db, world.org.id, { state: "planning" });
    await createObjective(db, world.org.id, { cycleId: otherCycle.id, ownerId: world.lead.id, teamId: team.id, title: "Next quarter's goal" });

    const page = await getTeamPage(world.org.id, team.id, world.cycle.id);
    expect(page.team).toMatchObject({ id: team.id, name: "Couriers", isArchived: false });
    expect(page.path).toEqual([{ id: dept.id, name: "Delivery" }]);
    expect(page.subTeams.map((t) => [t.name, t.isArchived, t.memberCount])).toEqual([
      ["Bikes", true, 0],
      ["Night shift", false, 1],
    ]);
    expect(page.members.map((m) => [m.userId, m.role])).toEqual([
      [world.lead.id, "lead"],
      [world.member.id, "member"],
    ]);
    expect(page.objectives.map((o) => o.id)).toEqual([objective.id, personal.id]);
    expect(page.objectives[0]).toMatchObject({ title: "Deliver on time", progress: 50, owner: { id: world.lead.id, name: world.lead.name }, keyResultCount: 2, confidence: "at_risk" });
    expect(page.objectives[1]).toMatchObject({ level: "personal", confidence: null });

    const noCycle = await getTeamPage(world.org.id, team.id, null);
    expect(noCycle.objectives).toEqual([]);
  });

  it("is not found for another organisation's team", async () => {
    await expect(getTeamPage(rival.org.id, world.team.id, rival.cycle.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("at the scale Keel is built for", () => {
  it("reads a 1,500-team tree and a team page with as many queries as for a tiny organisation", async () => {
    const small = await countStatements(() => listTeamTree(world.org.id));
    const smallPage = await countStatements(() => getTeamPage(world.org.id, world.team.id, world.cycle.id));

    const org = await createOrganization(db);
    const users = Array.from({ length: 300 }, (_, i) => ({ id: randomUUID(), email: `scale-${randomUUID().slice(0, 8)}-${i}@example.test`, name: `Scale person ${i}` }));
    await db.user.createMany({ data: users });
    await db.membership.createMany({ data: users.map((u) => ({ organizationId: org.id, userId: u.id, role: "member" as const })) });
    const teams: { id: string; organizationId: string; name: string; parentId: string | null }[] = [{ id: randomUUID(), organizationId: org.id, name: "Company", parentId: null }];
    for (let d = 0; d < 30; d++) {
      const dept = { id: randomUUID(), organizationId: org.id, name: `Department ${d}`, parentId: teams[0]!.id };
      teams.push(dept);
      for (let t = 0; t < 49 && teams.length < 1500; t++) teams.push({ id: randomUUID(), organizationId: org.id, name: `Team ${d}.${t}`, parentId: dept.id });
    }
    await db.team.createMany({ data: teams });
    await db.teamMembership.createMany({
      data: teams.flatMap((team, i) => [0, 1, 2].map((k) => ({ organizationId: org.id, teamId: team.id, userId: users[(i * 3 + k) % users.length]!.id, role: k === 0 ? ("lead" as const) : ("member" as const) }))),
    });

    const large = await countStatements(() => listTeamTree(org.id));
    expect(flattenTeamTree(large.result)).toHaveLength(1500);
    expect(large.result[0]!.children).toHaveLength(30);
    expect(large.result[0]!.children[0]!.children[0]).toMatchObject({ memberCount: 3, leads: [expect.objectContaining({ name: expect.stringMatching(/^Scale person/) })] });
    expect(small.count).toBeGreaterThan(0);
    expect(large.count).toBe(small.count);
    expect(large.ms).toBeLessThan(2000);

    const page = await countStatements(() => getTeamPage(org.id, teams[1]!.id, null));
    expect(page.result.subTeams).toHaveLength(49);
    expect(page.count).toBeLessThanOrEqual(smallPage.count);
  });
});
