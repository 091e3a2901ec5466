import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Confidence, KeyResultType, Direction } from "@/lib/generated/prisma/enums";
import { addDays, addWeeks, localDate, mondayOf } from "@/lib/dates/week";
import { initiativesMeasure } from "@/lib/initiatives/tally";
import { keyResultProgress, round4, weightedMean } from "@/lib/progress";
import { prng } from "@/lib/seeded-random";
import {
  addTeamMember,
  createCycle,
  createKeyResult,
  createObjective,
  createOrganization,
  createTeam,
} from "./factories";
import {
  ADMINS,
  COMMENTS,
  DEMO_EMAIL_DOMAIN,
  DEMO_ORG,
  DEPENDENCIES,
  DEPARTMENTS,
  NOTES,
  OBJECTIVES,
  PAST_OBJECTIVES,
  PEOPLE,
  SUPPORTS,
  VIEWERS,
  type DemoKeyResult,
} from "./demo-data";

export const CHECK_IN_WEEKS = 6;
const CYCLE_WEEKS = 13;

/** Stable ids: the same demo row gets the same id on every machine, so links in docs and tests stay valid. */
export function demoId(key: string): string {
  const h = createHash("sha256").update(`keel-demo:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function seedFrom(key: string): number {
  return parseInt(createHash("sha256").update(key).digest("hex").slice(0, 8), 16);
}

export function demoEmail(index: number): string {
  const name = PEOPLE[index]!;
  const [first, ...rest] = name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f']/g, "").split(" ");
  return `${first}${rest.length ? `.${rest.join("-")}` : ""}@${DEMO_EMAIL_DOMAIN}`;
}

function quarterName(date: Date): string {
  return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
}

export interface DemoCycles {
  past: { start: Date; end: Date; name: string };
  active: { start: Date; end: Date; name: string };
  next: { start: Date; end: Date; name: string };
}

/** The active cycle started six weeks before this week, so the demo always has six weeks of history. */
export function demoCycles(today: Date): DemoCycles {
  const start = addWeeks(mondayOf(today), -CHECK_IN_WEEKS);
  const end = addDays(addWeeks(start, CYCLE_WEEKS), -1);
  const pastStart = addWeeks(start, -CYCLE_WEEKS);
  const nextStart = addWeeks(start, CYCLE_WEEKS);
  const mid = (s: Date) => addWeeks(s, 6);
  return {
    past: { start: pastStart, end: addDays(start, -1), name: quarterName(mid(pastStart)) },
    active: { start, end, name: quarterName(mid(start)) },
    next: { start: nextStart, end: addDays(addWeeks(nextStart, CYCLE_WEEKS), -1), name: quarterName(mid(nextStart)) },
  };
}

interface Trajectory {
  values: string[];
  confidences: Confidence[];
}

function quantise(value: number, kr: DemoKeyResult): number {
  const span = Math.abs(kr.target - kr.start);
  if (kr.type === "currency") return Math.round(value / 1000) * 1000;
  if (kr.type === "milestone" || kr.type === "yes_no" || kr.type === "initiatives") return Math.floor(value);
  if (span >= 20 || Number.isInteger(kr.start) && Number.isInteger(kr.target) && span >= 5) return Math.round(value);
  return Math.round(value * 100) / 100;
}

/** Six weekly values and confidences for a key result, shaped by how its quarter is going. */
function trajectory(key: string, kr: DemoKeyResult): Trajectory {
  const random = prng(seedFrom(key));
  const pace = kr.health === "good" ? 0.95 + random() * 0.3 : kr.health === "risk" ? 0.55 + random() * 0.25 : 0.15 + random() * 0.25;
  const values: string[] = [];
  const confidences: Confidence[] = [];
  const direction: Direction = kr.direction ?? "increase";
  const type: KeyResultType = kr.type ?? "number";
  for (let week = 1; week <= CHECK_IN_WEEKS; week++) {
    const expected = week / CYCLE_WEEKS;
    let value: number;
    if (direction === "keep_above" || direction === "keep_below") {
      const up = direction === "keep_above" ? 1 : -1;
      const band = Math.abs(kr.target - kr.start) || Math.abs(kr.target) * 0.05 || 1;
      const side = kr.health === "good" ? 0.4 : kr.health === "risk" ? (week % 2 ? 0.1 : -0.2) : -0.5;
      value = kr.target + up * band * (side + (random() - 0.5) * 0.3);
    } else if (type === "initiatives") {
      // Its value is the count of its initiatives done: reached by the last check-in, never more.
      const done = initiativesMeasure(kr.initiatives ?? []).current;
      value = (done * week) / CHECK_IN_WEEKS;
    } else if (type === "yes_no") {
      value = kr.health === "good" && week >= CHECK_IN_WEEKS - 1 ? 1 : 0;
    } else {
      const fraction = Math.min(1.1, expected * pace * (0.9 + random() * 0.2));
      value = kr.start + (kr.target - kr.start) * fraction;
    }
    let quantised = quantise(value, kr);
    const previous = values.length ? Number(values[values.length - 1]) : kr.start;
    // Counts and milestones never go backwards.
    if ((direction === "increase" && (type === "number" || type === "milestone" || type === "yes_no" || type === "initiatives")) && quantised < previous) quantised = previous;
    values.push(String(quantised));
    const p = keyResultProgress({ type, direction, start: kr.start, target: kr.target, current: quantised }).progress.toNumber() / 100;
    const ratio = direction === "keep_above" || direction === "keep_below" || type === "yes_no" ? (p >= 1 ? 1 : kr.health === "off" ? 0.3 : 0.7) : p / expected;
    confidences.push(ratio >= 0.85 ? "on_track" : ratio >= 0.55 ? "at_risk" : "off_track");
  }
  return { values, confidences };
}

export interface SeedDemoOptions {
  today?: Date;
  passwordHash: string;
}

/**
 * Seeds the Northwind demo organisation: 60 people, 3 departments and 8 teams, a closed, an active and a planned
 * cycle, about 30 objectives in three levels with 2-3 key results each, and six weeks of check-ins.
 * Deterministic: the same `today` gives the same rows, ids included.
 */
export async function seedDemo(db: PrismaClient, options: SeedDemoOptions): Promise<{ organizationId: string }> {
  const today = options.today ?? new Date();
  const cycles = demoCycles(today);
  const orgId = demoId("org");

  return db.$transaction(
    async (tx) => {
      const t = tx as unknown as PrismaClient;
      await createOrganization(t, { id: orgId, name: DEMO_ORG.name, slug: DEMO_ORG.slug });

      const userIds = PEOPLE.map((_, i) => demoId(`user:${i}`));
      await tx.user.createMany({
        data: PEOPLE.map((name, i) => ({
          id: userIds[i]!,
          email: demoEmail(i),
          name,
          passwordHash: options.passwordHash,
          // Demo people are made up; treating their addresses as proven keeps the "verify your email" banner away.
          emailVerifiedAt: today,
          timeZone: i % 7 === 3 ? "Europe/Helsinki" : "Europe/Stockholm",
          lastOrganizationId: orgId,
        })),
      });
      await tx.membership.createMany({
        data: PEOPLE.map((_, i) => ({
          id: demoId(`membership:${i}`),
          organizationId: orgId,
          userId: userIds[i]!,
          role: i === 0 ? ("owner" as const) : ADMINS.includes(i) ? ("admin" as const) : VIEWERS.includes(i) ? ("viewer" as const) : ("member" as const),
        })),
      });

      const teamIds = new Map<string, string>();
      for (const dept of DEPARTMENTS) {
        const deptTeam = await createTeam(t, orgId, { id: demoId(`team:${dept.key}`), name: dept.name });
        teamIds.set(dept.key, deptTeam.id);
        await addTeamMember(t, orgId, deptTeam.id, userIds[dept.lead]!, "lead", demoId(`team-membership:${dept.key}:${dept.lead}`));
        for (const m of dept.members) await addTeamMember(t, orgId, deptTeam.id, userIds[m]!, "member", demoId(`team-membership:${dept.key}:${m}`));
        for (const team of dept.teams) {
          const row = await createTeam(t, orgId, { id: demoId(`team:${team.key}`), name: team.name, parentId: deptTeam.id });
          teamIds.set(team.key, row.id);
          await tx.teamMembership.createMany({
            data: [
              { id: demoId(`team-membership:${team.key}:${team.lead}`), organizationId: orgId, teamId: row.id, userId: userIds[team.lead]!, role: "lead" as const },
              ...team.members.map((m) => ({ id: demoId(`team-membership:${team.key}:${m}`), organizationId: orgId, teamId: row.id, userId: userIds[m]!, role: "member" as const })),
            ],
          });
        }
      }

      const pastCycle = await createCycle(t, orgId, { id: demoId("cycle:past"), name: cycles.past.name, startDate: cycles.past.start, endDate: cycles.past.end, state: "closed" });
      const activeCycle = await createCycle(t, orgId, { id: demoId("cycle:active"), name: cycles.active.name, startDate: cycles.active.start, endDate: cycles.active.end, state: "active" });
      await createCycle(t, orgId, { id: demoId("cycle:next"), name: cycles.next.name, startDate: cycles.next.start, endDate: cycles.next.end, state: "planning" });
      await tx.cycle.update({ where: { id: pastCycle.id }, data: { closedAt: addDays(cycles.past.end, 3), summary: "Mid-market demand is real; our sales capacity and go-live time were the constraints. Both became objectives for this quarter." } });
      await tx.organization.update({ where: { id: orgId }, data: { defaultCycleId: activeCycle.id } });

      await seedPastCycle(t, orgId, pastCycle.id, userIds, teamIds);

      const krIds = new Map<string, string>();
      let position = 0;
      // Planning happened the week before the cycle started.
      const plannedAt = (n: number) => new Date(addDays(cycles.active.start, -5).getTime() + n * 60_000);
      for (const o of OBJECTIVES) {
        const [alignKey, krIndex] = (o.align ?? "").split(".");
        const objective = await createObjective(t, orgId, {
          id: demoId(`objective:${o.key}`),
          cycleId: activeCycle.id,
          ownerId: userIds[o.owner]!,
          level: o.personal ? "personal" : o.team ? "team" : "company",
          teamId: o.team ? teamIds.get(o.team)! : null,
          title: o.title,
          whyItMatters: o.why,
          kind: o.kind ?? "committed",
          parentObjectiveId: alignKey && !krIndex ? demoId(`objective:${alignKey}`) : null,
          parentKeyResultId: alignKey && krIndex ? krIds.get(`${alignKey}.${krIndex}`)! : null,
          position,
          createdAt: plannedAt(position),
        });
        await tx.auditEvent.create({
          data: { id: demoId(`audit:created:${o.key}`), organizationId: orgId, actorId: userIds[o.owner]!, entityType: "objective", entityId: objective.id, action: "objective.created", after: { title: o.title }, createdAt: plannedAt(position) },
        });
        position++;
        for (const [i, kr] of o.krs.entries()) {
          const row = await createKeyResult(t, orgId, {
            id: demoId(`kr:${o.key}.${i + 1}`),
            objectiveId: objective.id,
            ownerId: userIds[kr.owner ?? o.owner]!,
            title: kr.title,
            type: kr.type ?? "number",
            direction: kr.direction ?? "increase",
            start: kr.start,
            target: kr.type === "initiatives" ? initiativesMeasure(kr.initiatives ?? []).target : kr.target,
            unit: kr.unit ?? "",
            milestones: kr.milestones ?? [],
            weight: kr.weight ?? 1,
            position: i,
            createdAt: plannedAt(position),
          });
          krIds.set(`${o.key}.${i + 1}`, row.id);
          for (const [j, initiative] of (kr.initiatives ?? []).entries()) {
            const initiativeId = demoId(`initiative:${o.key}.${i + 1}:${j}`);
            const ownerId = userIds[initiative.owner ?? kr.owner ?? o.owner]!;
            await tx.initiative.create({
              data: {
                id: initiativeId,
                organizationId: orgId,
                keyResultId: row.id,
                ownerId,
                title: initiative.title,
                status: initiative.status,
                dueDate: initiative.dueInDays === undefined ? null : addDays(localDate(today), initiative.dueInDays),
                url: initiative.url ?? null,
                position: j,
                createdAt: plannedAt(position),
              },
            });
            await tx.auditEvent.create({
              data: { id: demoId(`audit:initiative:${o.key}.${i + 1}:${j}`), organizationId: orgId, actorId: ownerId, entityType: "initiative", entityId: initiativeId, action: "initiative.created", after: { keyResultId: row.id, title: initiative.title, status: initiative.status }, createdAt: plannedAt(position) },
            });
          }
          if (kr.targetChange) {
            await tx.auditEvent.create({
              data: {
                id: demoId(`audit:target:${o.key}.${i + 1}`),
                organizationId: orgId,
                actorId: userIds[o.owner]!,
                entityType: "key_result",
                entityId: row.id,
                action: "keyresult.target_changed",
                before: { targetValue: String(kr.targetChange.from) },
                after: { targetValue: String(kr.target) },
                reason: kr.targetChange.reason,
                createdAt: new Date(addDays(mondayOf(today), -kr.targetChange.daysAgo).getTime() + 10 * 3600_000),
              },
            });
          }
        }
        if (o.abandoned) {
          const at = new Date(addWeeks(mondayOf(today), -o.abandoned.weeksAgo).getTime() + 2 * 86_400_000 + 15 * 3600_000);
          await tx.objective.update({ where: { id: objective.id }, data: { state: "abandoned", abandonReason: o.abandoned.reason, updatedAt: at, version: 2 } });
          await tx.auditEvent.create({
            data: { id: demoId(`audit:abandoned:${o.key}`), organizationId: orgId, actorId: userIds[o.owner]!, entityType: "objective", entityId: objective.id, action: "objective.abandoned", before: { state: "active" }, after: { state: "abandoned" }, reason: o.abandoned.reason, createdAt: at },
          });
        }
      }

      await seedCheckIns(tx as unknown as PrismaClient, orgId, cycles.active.start, userIds);

      await tx.keyResultDependency.createMany({
        data: DEPENDENCIES.map(([dependent, on]) => ({ id: demoId(`dependency:${dependent}:${on}`), organizationId: orgId, keyResultId: krIds.get(dependent)!, dependsOnId: krIds.get(on)!, createdAt: plannedAt(0) })),
      });
      await tx.objectiveSupport.createMany({
        data: SUPPORTS.map(([objective, target]) => {
          const [targetKey, krIndex] = target.split(".");
          return {
            id: demoId(`support:${objective}:${target}`),
            organizationId: orgId,
            objectiveId: demoId(`objective:${objective}`),
            supportsObjectiveId: krIndex ? null : demoId(`objective:${targetKey}`),
            supportsKeyResultId: krIndex ? krIds.get(target)! : null,
            createdAt: plannedAt(0),
          };
        }),
      });

      await tx.comment.createMany({
        data: COMMENTS.map((c, i) => ({
          id: demoId(`comment:${i}`),
          organizationId: orgId,
          objectiveId: demoId(`objective:${c.objective}`),
          authorId: userIds[c.author]!,
          body: c.body,
          createdAt: addDays(addWeeks(mondayOf(today), -c.weeksAgo), 2),
        })),
      });

      return { organizationId: orgId };
    },
    { timeout: 120_000 },
  );
}

async function seedPastCycle(t: PrismaClient, orgId: string, cycleId: string, userIds: string[], teamIds: Map<string, string>) {
  for (const [position, o] of PAST_OBJECTIVES.entries()) {
    const objective = await createObjective(t, orgId, {
      id: demoId(`past-objective:${o.key}`),
      cycleId,
      ownerId: userIds[o.owner]!,
      level: o.team ? "team" : "company",
      teamId: o.team ? teamIds.get(o.team)! : null,
      title: o.title,
      whyItMatters: o.why,
      state: "done",
      position,
    });
    for (const [i, kr] of o.krs.entries()) {
      const row = await createKeyResult(t, orgId, {
        id: demoId(`past-kr:${o.key}.${i + 1}`),
        objectiveId: objective.id,
        title: kr.title,
        type: kr.type ?? "number",
        direction: kr.direction ?? "increase",
        start: kr.start,
        target: kr.target,
        current: kr.final,
        unit: kr.unit ?? "",
        position: i,
      });
      await t.keyResult.update({ where: { id: row.id }, data: { score: kr.score.toFixed(2), confidence: kr.score >= 0.7 ? "on_track" : "at_risk" } });
    }
    await t.objective.update({ where: { id: objective.id }, data: { retroWentWell: o.wentWell, retroLearned: o.learned } });
  }
}

async function seedCheckIns(t: PrismaClient, orgId: string, cycleStart: Date, userIds: string[]) {
  const checkIns: Prisma.CheckInCreateManyInput[] = [];
  const versions: Prisma.CheckInVersionCreateManyInput[] = [];
  const objectiveKrs = new Map<string, { progress: string; weight: number }[]>();

  for (const o of OBJECTIVES) {
    const krProgress: { progress: string; weight: number }[] = [];
    for (const [i, kr] of o.krs.entries()) {
      const key = `${o.key}.${i + 1}`;
      const krId = demoId(`kr:${key}`);
      const author = userIds[kr.owner ?? o.owner]!;
      const { values: allValues, confidences: allConfidences } = trajectory(key, kr);
      // An abandoned objective's key results stop getting check-ins when it is abandoned.
      const weeks = o.abandoned ? CHECK_IN_WEEKS - o.abandoned.weeksAgo : CHECK_IN_WEEKS;
      const values = allValues.slice(0, weeks);
      const confidences = allConfidences.slice(0, weeks);
      const notesRandom = prng(seedFrom(`notes:${key}`));
      let lastAt = cycleStart;
      for (let w = 0; w < values.length; w++) {
        const week = addWeeks(cycleStart, w);
        const at = new Date(addDays(week, Math.floor(notesRandom() * 4)).getTime() + (9 + Math.floor(notesRandom() * 8)) * 3600_000);
        const confidence = confidences[w]!;
        const pool = NOTES[confidence];
        const note = pool[Math.floor(notesRandom() * pool.length)]!;
        const id = demoId(`checkin:${key}:${w}`);
        checkIns.push({ id, organizationId: orgId, keyResultId: krId, authorId: author, week, value: values[w]!, confidence, note, createdAt: at, updatedAt: at });
        versions.push({ id: demoId(`checkin-version:${key}:${w}`), organizationId: orgId, checkInId: id, authorId: author, version: 1, value: values[w]!, confidence, note, createdAt: at });
        lastAt = at;
      }
      const current = values[values.length - 1]!;
      const progress = round4(
        keyResultProgress({ type: kr.type ?? "number", direction: kr.direction ?? "increase", start: kr.start, target: kr.target, current }).progress,
      );
      await t.keyResult.update({
        where: { id: krId },
        data: { currentValue: current, confidence: confidences[confidences.length - 1]!, progress, lastCheckInAt: lastAt },
      });
      krProgress.push({ progress, weight: kr.weight ?? 1 });
    }
    objectiveKrs.set(o.key, krProgress);
  }
  await t.checkIn.createMany({ data: checkIns });
  await t.checkInVersion.createMany({ data: versions });
  for (const [key, krs] of objectiveKrs) {
    await t.objective.update({ where: { id: demoId(`objective:${key}`) }, data: { progress: round4(weightedMean(krs)) } });
  }
}
