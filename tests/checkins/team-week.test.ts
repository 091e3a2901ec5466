import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TeamWeekPersonCard } from "@/components/checkins/team-week";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { getTeamWeek, type TeamWeekPerson } from "@/lib/checkins/queries";
import { db } from "@/lib/db/prisma";
import { explainForecast } from "@/lib/forecast";
import { addTeamMember, createCheckIn, createKeyResult, createMember, createObjective, createTeam } from "@/prisma/factories";
import { createWorld, type World } from "../helpers/world";

// The same test database as everywhere, through a client that also counts each SQL statement, so a test can prove
// that finding each key result's previous check-in costs no query per key result.
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
let leadActor: Actor;

beforeAll(async () => {
  world = await createWorld();
  leadActor = (await resolveActor(world.lead.id))!;
});

const monday = (iso: string) => new Date(`${iso}T00:00:00Z`);
// A fixed "now" inside the world's cycle (1 Oct to 31 Dec 2026), so the weeks below never depend on the clock.
const NOW = new Date("2026-11-25T12:00:00Z");

function cycleOf(w: World) {
  return { id: w.cycle.id, name: w.cycle.name, state: "active" as const, startDate: w.cycle.startDate, endDate: w.cycle.endDate };
}

/** A fresh team with a lead-owned objective, so each test sees only its own key results. */
async function arrangeTeam() {
  const team = await createTeam(db, world.org.id, { name: `Team week ${randomUUID().slice(0, 8)}` });
  await addTeamMember(db, world.org.id, team.id, world.lead.id, "lead");
  const objective = await createObjective(db, world.org.id, { cycleId: world.cycle.id, ownerId: world.lead.id, teamId: team.id });
  return { team, objective };
}

async function checkIns(keyResultId: string, authorId: string, entries: [week: string, value: number, confidence: "on_track" | "at_risk" | "off_track"][]) {
  for (const [week, value, confidence] of entries) await createCheckIn(db, world.org.id, { keyResultId, authorId, week: monday(week), value, confidence });
}

function textOf(person: TeamWeekPerson): string {
  return renderToStaticMarkup(createElement(TeamWeekPersonCard, { person }))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("team week: the previous check-in", () => {
  it("compares with each key result's latest check-in before the week shown, even across skipped weeks", async () => {
    const { team, objective } = await arrangeTeam();
    const sam = await createMember(db, world.org.id, "member", { name: `Sam Skipper ${randomUUID().slice(0, 6)}` });
    const kr = (title: string) => createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: sam.id, title: `${title} ${randomUUID().slice(0, 6)}`, start: 0, target: 100 });
    const skipped = await kr("Skipped a week");
    const first = await kr("First ever");
    const missing = await kr("Missing this week");
    const later = await kr("Starts later");
    await checkIns(skipped.id, sam.id, [
      ["2026-10-26", 20, "on_track"],
      ["2026-11-02", 30, "at_risk"],
      ["2026-11-16", 45, "off_track"],
      ["2026-11-23", 60, "on_track"],
    ]);
    await checkIns(first.id, sam.id, [["2026-11-16", 5, "on_track"]]);
    await checkIns(missing.id, sam.id, [["2026-10-26", 10, "at_risk"]]);
    await checkIns(later.id, sam.id, [["2026-11-23", 50, "on_track"]]);

    const week = await getTeamWeek(leadActor, team.id, cycleOf(world), monday("2026-11-16"), NOW);
    expect(week.week).toBe("2026-11-16");
    const person = week.people.find((p) => p.userId === sam.id)!;
    const byId = new Map(person.keyResults.map((k) => [k.id, k]));
    expect(byId.get(skipped.id)).toMatchObject({
      checkIn: { value: "45", confidence: "off_track" },
      previous: { week: "2026-11-02", weeksBefore: 2, value: "30", confidence: "at_risk" },
    });
    expect(byId.get(first.id)).toMatchObject({ checkIn: { value: "5" }, previous: null });
    expect(byId.get(missing.id)).toMatchObject({ checkIn: null, previous: { week: "2026-10-26", weeksBefore: 3, value: "10", confidence: "at_risk" } });
    // A check-in after the week shown is not "before" it.
    expect(byId.get(later.id)).toMatchObject({ checkIn: null, previous: null });

    const text = textOf(person);
    expect(text).toContain("45 (was 30 in the week of 2 Nov)");
    expect(text).toContain("was At risk");
    expect(text.match(/first check-in/g)).toHaveLength(1);
    expect(text).toContain("No check-in this week; last check-in in the week of 26 Oct: 10, at risk.");

    const next = await getTeamWeek(leadActor, team.id, cycleOf(world), monday("2026-11-23"), NOW);
    const nextSkipped = next.people.find((p) => p.userId === sam.id)!.keyResults.find((k) => k.id === skipped.id)!;
    expect(nextSkipped.previous).toEqual({ week: "2026-11-16", weeksBefore: 1, value: "45", confidence: "off_track" });
    expect(textOf(next.people.find((p) => p.userId === sam.id)!)).toContain("60 (was 45)");
  });

  it("reads the same number of statements however many key results and check-ins the team has", async () => {
    async function teamWith(keyResults: number) {
      const { team, objective } = await arrangeTeam();
      for (let i = 0; i < keyResults; i++) {
        const owner = await createMember(db, world.org.id, "member");
        const kr = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: owner.id, start: 0, target: 100 });
        await checkIns(kr.id, owner.id, [
          ["2026-10-19", 10, "on_track"],
          ["2026-11-02", 20, "at_risk"],
        ]);
      }
      return team;
    }
    const [small, large] = [await teamWith(1), await teamWith(8)];
    const count = async (teamId: string) => {
      statements.count = 0;
      const week = await getTeamWeek(leadActor, teamId, cycleOf(world), monday("2026-11-16"), NOW);
      expect(week.people.flatMap((p) => p.keyResults).every((k) => k.previous?.week === "2026-11-02")).toBe(true);
      return statements.count;
    };
    const smallCount = await count(small.id);
    expect(smallCount).toBeGreaterThan(0);
    expect(await count(large.id)).toBe(smallCount);
  });
});

describe("team week: off pace", () => {
  it("explains the badge in words beside it, and shows nothing for a key result on pace", async () => {
    const { team, objective } = await arrangeTeam();
    const owner = await createMember(db, world.org.id, "member", { name: `Olive Offpace ${randomUUID().slice(0, 6)}` });
    const slow = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: owner.id, title: `Slow climb ${randomUUID().slice(0, 6)}`, start: 0, target: 100, unit: "deals" });
    const steady = await createKeyResult(db, world.org.id, { objectiveId: objective.id, ownerId: owner.id, title: `Steady climb ${randomUUID().slice(0, 6)}`, start: 0, target: 10 });
    await checkIns(slow.id, owner.id, [
      ["2026-11-02", 10, "at_risk"],
      ["2026-11-09", 12, "at_risk"],
      ["2026-11-16", 14, "off_track"],
    ]);
    await checkIns(steady.id, owner.id, [
      ["2026-11-02", 6, "on_track"],
      ["2026-11-09", 8, "on_track"],
      ["2026-11-16", 10, "on_track"],
    ]);

    const week = await getTeamWeek(leadActor, team.id, cycleOf(world), monday("2026-11-16"), NOW);
    const person = week.people.find((p) => p.userId === owner.id)!;
    const slowKr = person.keyResults.find((k) => k.id === slow.id)!;
    expect(slowKr.forecast?.isOffPace).toBe(true);
    expect(person.keyResults.find((k) => k.id === steady.id)!.forecast?.isOffPace).toBe(false);

    const html = renderToStaticMarkup(createElement(TeamWeekPersonCard, { person }));
    const lines = [...html.matchAll(/<p data-testid="forecast"[^>]*>(.*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());
    // The badge and its reason are one visible paragraph: read in order by screen readers, no hover needed.
    expect(lines).toEqual([`Off pace ${explainForecast(slowKr.forecast!, { ...slowKr, confidence: slowKr.checkIn?.confidence })}`]);
    expect(lines[0]).toMatch(/short of the target of 100 deals: off pace\.$/);
  });
});
