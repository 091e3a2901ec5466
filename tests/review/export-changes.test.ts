import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportReview } from "@/app/(app)/review/export/route";
import { resolveActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { updateKeyResult } from "@/lib/key-results/mutations";
import { abandonObjective } from "@/lib/objectives/mutations";
import { CHANGE_KIND } from "@/lib/review/export";
import { loadReview } from "@/lib/review/queries";
import { createApiToken, createCheckIn, createCycle, createKeyResult, createMember, createObjective, createOrganization, createTeam } from "@/prisma/factories";
import { callApi } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
const mondayDaysAgo = (n: number) => {
  const d = daysAgo(n);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
};
const since = daysAgo(10).toISOString().slice(0, 10);
const HEADER = ["kind", "item", "objective", "team", "when", "who", "before", "after", "reason"] as const;

type Row = Record<(typeof HEADER)[number], string>;

/** RFC 4180, enough for the export: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (isQuoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      isQuoted = !isQuoted;
    } else if (isQuoted) {
      field += ch;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

let world: World;
let cycle: Awaited<ReturnType<typeof createCycle>>;
let token: string;
let sibling: Awaited<ReturnType<typeof createTeam>>;

async function exportChanges(query = "") {
  const res = await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&since=${since}&section=changes${query}`, token });
  expect(res.status).toBe(200);
  const [header, ...rows] = parseCsv(String(res.json));
  expect(header).toEqual(HEADER);
  return { res, rows: rows.map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i] ?? ""])) as Row) };
}

beforeAll(async () => {
  world = await createWorld();
  token = (await createApiToken(db, world.org.id, world.viewer.id)).secret;
  cycle = await createCycle(db, world.org.id, { startDate: daysAgo(60), endDate: new Date(now.getTime() + 30 * DAY), state: "active" });
  const department = await createTeam(db, world.org.id, { name: `Department ${world.org.id}` });
  await db.team.update({ where: { id: world.team.id }, data: { parentId: department.id } });
  sibling = await createTeam(db, world.org.id, { name: `Sibling ${world.org.id}`, parentId: department.id });

  const company = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, title: "Company goal", createdAt: daysAgo(59) });
  const pace = await createKeyResult(db, world.org.id, { objectiveId: company.id, title: "Company pace", target: 100, createdAt: daysAgo(59) });
  await createCheckIn(db, world.org.id, { keyResultId: pace.id, authorId: world.admin.id, week: mondayDaysAgo(20), value: 40, at: daysAgo(20) });
  await createCheckIn(db, world.org.id, { keyResultId: pace.id, authorId: world.admin.id, week: mondayDaysAgo(2), value: 60, at: daysAgo(2) });

  const teamGoal = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Team goal", createdAt: daysAgo(59) });
  const climbing = await createKeyResult(db, world.org.id, { objectiveId: teamGoal.id, title: "Climbing measure", target: 100, createdAt: daysAgo(59) });
  await createCheckIn(db, world.org.id, { keyResultId: climbing.id, authorId: world.lead.id, week: mondayDaysAgo(20), value: 20, at: daysAgo(20) });
  await createCheckIn(db, world.org.id, { keyResultId: climbing.id, authorId: world.lead.id, week: mondayDaysAgo(2), value: 50, at: daysAgo(2) });

  const measured = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.member.id, teamId: sibling.id, title: "Measured goal", createdAt: daysAgo(59) });
  const deals = await createKeyResult(db, world.org.id, { objectiveId: measured.id, title: "Deals signed", target: 10, createdAt: daysAgo(59) });
  await createKeyResult(db, world.org.id, { objectiveId: measured.id, title: "Deals reviewed", target: 10, createdAt: daysAgo(59) });
  const doomed = await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.admin.id, teamId: sibling.id, title: "Doomed goal", createdAt: daysAgo(59) });
  await createObjective(db, world.org.id, { cycleId: cycle.id, ownerId: world.lead.id, teamId: world.team.id, title: "Late addition" });

  const admin = (await resolveActor(world.admin.id))!;
  await updateKeyResult(admin, climbing.id, { version: 1, targetValue: "80", reason: "Budget cut" });
  await updateKeyResult(admin, deals.id, { version: 1, targetValue: "12", unit: "deals", reason: "Counting deals, not calls" });
  await abandonObjective(admin, doomed.id, { version: 1, reason: "Merged into the measured goal, for now" });
  // One objective per team, one key result per objective and per person: the team, the measured goal and its owner are over.
  await db.organization.update({ where: { id: world.org.id }, data: { maxObjectivesPerTeam: 1, maxKeyResultsPerObjective: 1, maxKeyResultsPerPerson: 1 } });
});

describe("the review's changes export", () => {
  it("writes what changed since the date, one row per item, with objective, team, when, who, before, after and why", async () => {
    const { res, rows } = await exportChanges();
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`since-${since}-changes\\.csv"$`));

    const moved = rows.filter((r) => r.kind === CHANGE_KIND.moved);
    // Largest move first, as on the page; then is measured against today's target (20 of 80, then 50 of 80).
    expect(moved).toEqual([
      { kind: CHANGE_KIND.moved, item: "Team goal", objective: "Team goal", team: world.team.name, when: "", who: "", before: "25.0", after: "62.5", reason: "" },
      { kind: CHANGE_KIND.moved, item: "Company goal", objective: "Company goal", team: "Company", when: "", who: "", before: "40.0", after: "60.0", reason: "" },
    ]);

    const targets = rows.filter((r) => r.kind === CHANGE_KIND.target);
    expect(targets).toHaveLength(2);
    expect(targets).toContainEqual(
      expect.objectContaining({ item: "Climbing measure", objective: "Team goal", team: world.team.name, who: world.admin.name, before: "100", after: "80", reason: "Budget cut" }),
    );
    // More than the target changed: each part is named, and an empty unit says so.
    expect(targets).toContainEqual(
      expect.objectContaining({ item: "Deals signed", objective: "Measured goal", team: sibling.name, before: "target 10; unit (none)", after: "target 12; unit deals", reason: "Counting deals, not calls" }),
    );
    // Days as YYYY-MM-DD: the changes were made today.
    for (const t of targets) expect(t.when).toBe(new Date().toISOString().slice(0, 10));

    expect(rows.filter((r) => r.kind === CHANGE_KIND.added)).toEqual([
      expect.objectContaining({ item: "Late addition", objective: "Late addition", team: world.team.name, who: world.lead.name, before: "", after: "", reason: "" }),
    ]);
    expect(rows.filter((r) => r.kind === CHANGE_KIND.abandoned)).toEqual([
      expect.objectContaining({ item: "Doomed goal", team: sibling.name, who: world.admin.name, reason: "Merged into the measured goal, for now" }),
    ]);

    const focus = rows.filter((r) => r.kind === CHANGE_KIND.focus);
    expect(focus).toContainEqual(expect.objectContaining({ item: world.team.name, team: world.team.name, after: "2", reason: "limit 1 objectives per team" }));
    expect(focus).toContainEqual(expect.objectContaining({ item: "Measured goal", objective: "Measured goal", team: sibling.name, after: "2", reason: "limit 1 key results per objective" }));
    expect(focus).toContainEqual(expect.objectContaining({ item: world.member.name, after: "2", reason: "limit 1 key results per person" }));
  });

  it("has one row for each item the review page lists", async () => {
    const review = await loadReview(world.org.id, cycle, new Date(`${since}T00:00:00Z`), null);
    const { rows } = await exportChanges();
    const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect(count(CHANGE_KIND.moved)).toBe(review.changes.objectives.length);
    expect(count(CHANGE_KIND.target)).toBe(review.changes.targetChanges.length);
    expect(count(CHANGE_KIND.added)).toBe(review.changes.added.length);
    expect(count(CHANGE_KIND.abandoned)).toBe(review.changes.abandoned.length);
    expect(count(CHANGE_KIND.focus)).toBe(review.focus.teams.length + review.focus.objectives.length + review.focus.people.length);
    const kinds: string[] = Object.values(CHANGE_KIND);
    expect(rows.every((r) => kinds.includes(r.kind))).toBe(true);
  });

  it("narrows to a team and the teams beneath it", async () => {
    const { rows } = await exportChanges(`&team=${sibling.id}`);
    // People over their limit are the organisation's, whatever the team (as on the page).
    const items = rows.filter((r) => r.kind !== CHANGE_KIND.focus || r.team !== "").map((r) => [r.kind, r.item]);
    expect(items.sort()).toEqual(
      [
        [CHANGE_KIND.focus, "Measured goal"],
        [CHANGE_KIND.abandoned, "Doomed goal"],
        [CHANGE_KIND.target, "Deals signed"],
      ].sort(),
    );
  });

  it("refuses a date still to come rather than exporting another date's changes", async () => {
    const tomorrow = new Date(now.getTime() + DAY).toISOString().slice(0, 10);
    const res = await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&since=${tomorrow}&section=changes`, token });
    expect(res.status).toBe(400);
    expect((res.json as { errors: { field: string; message: string }[] }).errors).toEqual([
      expect.objectContaining({ field: "since", message: `${tomorrow} has not happened yet` }),
    ]);
  });

  it("answers 404 for another organisation's cycle or team, without their rows, and 400 for an unknown section", async () => {
    const other = await createOrganization(db);
    const owner = await createMember(db, other.id, "owner");
    const theirTeam = await createTeam(db, other.id);
    const theirCycle = await createCycle(db, other.id, { startDate: daysAgo(60), endDate: new Date(now.getTime() + 30 * DAY) });
    await createObjective(db, other.id, { cycleId: theirCycle.id, ownerId: owner.id, teamId: theirTeam.id, title: "Their secret" });

    const theirs = await callApi(exportReview, { path: `/review/export?cycle=${theirCycle.id}&section=changes`, token });
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(theirs.json)).not.toContain("Their secret");
    expect((await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&team=${theirTeam.id}&section=changes`, token })).status).toBe(404);
    expect((await exportChanges()).rows.map((r) => r.item)).not.toContain("Their secret");

    const bad = await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&section=everything`, token });
    expect(bad.status).toBe(400);
    // A file cannot say it used another date than the one asked for, so it refuses instead.
    const badDate = await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&since=2026-13-01`, token });
    expect(badDate.status).toBe(400);
    expect((badDate.json as { errors: { field: string; message: string }[] }).errors).toEqual([expect.objectContaining({ field: "since", message: expect.stringMatching(/not a date/) })]);
    expect(JSON.stringify(bad.json)).toContain("changes");
  });

  it("is refused without a session or token", async () => {
    expect((await callApi(exportReview, { path: `/review/export?cycle=${cycle.id}&section=changes` })).status).toBe(401);
  });
});
