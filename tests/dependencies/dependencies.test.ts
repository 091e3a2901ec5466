import { beforeAll, describe, expect, it } from "vitest";
import { addDependencyAction, addSupportAction } from "@/app/(app)/objectives/actions";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { recordCheckIn } from "@/lib/checkins/mutations";
import { db } from "@/lib/db/prisma";
import { blastRadius } from "@/lib/dependencies/graph";
import { addDependency, addSupport } from "@/lib/dependencies/mutations";
import { getObjectivePage } from "@/lib/objectives/queries";
import { createCycle, createKeyResult, createObjective, createTeam } from "@/prisma/factories";
import { signInAs } from "../helpers/session-state";
import { createWorld, type World } from "../helpers/world";

let world: World;
let admin: Actor;
let member: Actor;

beforeAll(async () => {
  world = await createWorld();
  admin = (await resolveActor(world.admin.id, { via: "session", organizationId: world.org.id }))!;
  member = (await resolveActor(world.member.id, { via: "session", organizationId: world.org.id }))!;
});

/** Platform's key result, which Sales' and Support's key results depend on; Support's objective sits under the company's. */
async function arrange() {
  const sales = await createTeam(db, world.org.id, { name: `Sales ${Math.random()}` });
  const support = await createTeam(db, world.org.id, { name: `Support ${Math.random()}` });
  const company = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, title: "Win the mid-market" });
  const platform = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.member.id, teamId: world.team.id, title: "Make the API dependable" });
  const uptime = await createKeyResult(db, world.org.id, { objectiveId: platform.id, ownerId: world.member.id, title: "Keep uptime above 99.9%", target: 100 });
  const salesObjective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: sales.id, title: "Sell to logistics firms" });
  const deals = await createKeyResult(db, world.org.id, { objectiveId: salesObjective.id, ownerId: world.lead.id, title: "Close 12 deals", target: 12 });
  const supportObjective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.admin.id, teamId: support.id, title: "Answer fast", parentObjectiveId: company.id });
  const tickets = await createKeyResult(db, world.org.id, { objectiveId: supportObjective.id, ownerId: world.admin.id, title: "Halve ticket backlog", target: 10 });
  return { company, platform, uptime, salesObjective, deals, supportObjective, tickets };
}

describe("key result dependencies", () => {
  it("are refused across cycles, organisations, into loops and onto the same objective; nothing is written", async () => {
    const a = await arrange();
    await addDependency(admin, a.deals.id, { dependsOnId: a.uptime.id });
    const before = await db.keyResultDependency.count({ where: { organizationId: world.org.id } });
    await expect(addDependency(admin, a.uptime.id, { dependsOnId: a.deals.id })).rejects.toMatchObject({ code: "validation", fieldErrors: { dependsOnId: [expect.stringContaining("through a chain")] } });
    await expect(addDependency(admin, a.deals.id, { dependsOnId: a.deals.id })).rejects.toMatchObject({ code: "validation" });
    await expect(addDependency(admin, a.deals.id, { dependsOnId: a.uptime.id })).rejects.toMatchObject({ code: "conflict" });
    const sibling = await createKeyResult(db, world.org.id, { objectiveId: a.salesObjective.id, title: "Sibling", target: 5, position: 1 });
    await expect(addDependency(admin, a.deals.id, { dependsOnId: sibling.id })).rejects.toMatchObject({ code: "validation" });
    const next = await createCycle(db, world.org.id, { state: "planning" });
    const later = await createObjective(db, world.org.id, { cycleId: next.id, ownerId: world.admin.id, title: "Later" });
    const laterKr = await createKeyResult(db, world.org.id, { objectiveId: later.id, title: "Later KR", target: 3 });
    await expect(addDependency(admin, a.deals.id, { dependsOnId: laterKr.id })).rejects.toMatchObject({ code: "validation", fieldErrors: { dependsOnId: ["Depend on a key result of the same cycle"] } });
    const other = await createWorld();
    const foreign = await createObjective(db, other.org.id, { cycleId: other.cycle.id, ownerId: other.admin.id, title: "Foreign" });
    const foreignKr = await createKeyResult(db, other.org.id, { objectiveId: foreign.id, title: "Foreign KR", target: 3 });
    await expect(addDependency(admin, a.deals.id, { dependsOnId: foreignKr.id })).rejects.toMatchObject({ code: "not_found" });
    const stranger = (await resolveActor(other.admin.id, { via: "session", organizationId: other.org.id }))!;
    await expect(addDependency(stranger, foreignKr.id, { dependsOnId: a.uptime.id })).rejects.toMatchObject({ code: "not_found" });
    // A member who owns neither side's key result may not say what the Sales key result depends on.
    await expect(addDependency(member, a.deals.id, { dependsOnId: a.tickets.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.keyResultDependency.count({ where: { organizationId: world.org.id } })).toBe(before);
  });

  it("show on both teams' objective pages with the other side's confidence, and a blast radius all the way up when it goes off track", async () => {
    const a = await arrange();
    await addDependency(admin, a.deals.id, { dependsOnId: a.uptime.id });
    await addDependency(admin, a.tickets.id, { dependsOnId: a.deals.id });
    const mailBefore = await db.emailMessage.findMany({ where: { organizationId: world.org.id, kind: "dependency" }, select: { id: true } });

    await recordCheckIn(member, { keyResultId: a.uptime.id, value: "40", confidence: "off_track", note: "Database failover keeps failing" });

    const platformPage = await getObjectivePage(world.org.id, a.platform.id);
    expect(platformPage.links.dependents.get(a.uptime.id)?.map((d) => d.other.title)).toEqual(["Close 12 deals"]);
    const blast = platformPage.links.blast.get(a.uptime.id)!;
    expect(blast.keyResults.map((k) => k.title)).toEqual(["Close 12 deals", "Halve ticket backlog"]);
    expect(blast.objectives.map((o) => o.title).sort()).toEqual(["Answer fast", "Sell to logistics firms", "Win the mid-market"]);

    // The page's SQL and lib/dependencies/graph.ts agree on the same rows.
    const edges = await db.keyResultDependency.findMany({ where: { organizationId: world.org.id }, select: { keyResultId: true, dependsOnId: true } });
    const krs = await db.keyResult.findMany({ where: { organizationId: world.org.id }, select: { id: true, objectiveId: true } });
    const objectives = await db.objective.findMany({ where: { organizationId: world.org.id }, select: { id: true, parentObjectiveId: true, parentKeyResultId: true } });
    const objectiveOfKr = new Map(krs.map((k) => [k.id, k.objectiveId]));
    const parents = new Map(objectives.map((o) => [o.id, o.parentObjectiveId ?? (o.parentKeyResultId ? objectiveOfKr.get(o.parentKeyResultId)! : null)]));
    const expected = blastRadius(edges, a.uptime.id, (k) => objectiveOfKr.get(k), (o) => parents.get(o));
    expect(blast.keyResults.map((k) => k.id).sort()).toEqual([...expected.keyResultIds].sort());
    expect(blast.objectives.map((o) => o.id).sort()).toEqual([...expected.objectiveIds].sort());

    const salesPage = await getObjectivePage(world.org.id, a.salesObjective.id);
    expect(salesPage.links.dependsOn.get(a.deals.id)?.[0]?.other).toMatchObject({ title: "Keep uptime above 99.9%", confidence: "off_track" });

    // The owner of the key result that depends on it (not the one who checked in) is told, once.
    const mail = await db.emailMessage.findMany({ where: { organizationId: world.org.id, kind: "dependency", id: { notIn: mailBefore.map((m) => m.id) } }, select: { to: true, subject: true, text: true } });
    const lead = await db.user.findUniqueOrThrow({ where: { id: world.lead.id }, select: { email: true } });
    expect(mail).toEqual([{ to: lead.email, subject: "“Keep uptime above 99.9%” is now off track: your key result depends on it", text: expect.stringContaining("Your key result “Close 12 deals” depends on it.") }]);
    expect(mail[0]!.text).toContain("Database failover keeps failing");

    // Staying off track the next save tells nobody again.
    await recordCheckIn(member, { keyResultId: a.uptime.id, value: "41", confidence: "off_track", note: "" });
    expect(await db.emailMessage.count({ where: { organizationId: world.org.id, kind: "dependency" } })).toBe(mailBefore.length + 1);
  });
});

describe("supports", () => {
  it("list what an objective also helps, both ways, and refuse what makes no sense", async () => {
    const a = await arrange();
    signInAs(world.admin.id);
    const form = new FormData();
    form.set("objectiveId", a.supportObjective.id);
    form.set("target", `key_result:${a.deals.id.toUpperCase()}`);
    expect(await addSupportAction({ status: "idle" }, form)).toMatchObject({ status: "success" });
    const page = await getObjectivePage(world.org.id, a.supportObjective.id);
    expect(page.links.supports).toEqual([expect.objectContaining({ kind: "key_result", title: "Close 12 deals", objectiveTitle: "Sell to logistics firms" })]);
    const other = await getObjectivePage(world.org.id, a.salesObjective.id);
    expect(other.links.supportedBy).toEqual([expect.objectContaining({ title: "Answer fast", keyResultId: a.deals.id })]);
    // Supports are not counted: the sales objective's progress is its key results' alone.
    expect(other.objective.progress.toString()).toBe("0");

    await expect(addSupport(admin, a.supportObjective.id, { supportsKeyResultId: a.deals.id })).rejects.toMatchObject({ code: "conflict" });
    await expect(addSupport(admin, a.supportObjective.id, { supportsObjectiveId: a.company.id })).rejects.toMatchObject({ code: "validation", fieldErrors: { supportsObjectiveId: ["This objective is already aligned beneath that one"] } });
    await expect(addSupport(admin, a.supportObjective.id, { supportsObjectiveId: a.supportObjective.id })).rejects.toMatchObject({ code: "validation" });
    await expect(addSupport(admin, a.supportObjective.id, { supportsKeyResultId: a.tickets.id })).rejects.toMatchObject({ code: "validation" });
  });

  it("take the dependency form's picker value and refuse an objective where a key result is needed", async () => {
    const a = await arrange();
    signInAs(world.admin.id);
    const form = new FormData();
    form.set("keyResultId", a.tickets.id);
    form.set("dependsOn", `objective:${a.platform.id}`);
    expect(await addDependencyAction({ status: "idle" }, form)).toMatchObject({ status: "error", fieldErrors: { dependsOn: ["Choose a key result from the list (not an objective)"] } });
    form.set("dependsOn", `key_result:${a.uptime.id}`);
    expect(await addDependencyAction({ status: "idle" }, form)).toMatchObject({ status: "success" });
  });
});

