import { addDays, addWeeks, mondayOf, parseIsoDate } from "../../lib/dates/week";
import { keyResultProgress, round4, weightedMean } from "../../lib/progress";
import { ACTIVE_CHECK_IN_WEEKS, CLOSED_CHECK_IN_WEEKS, CLOSED_CYCLE_SHARE, CYCLE_WEEKS, type Size } from "../sizes";
import { between, intBetween, itemSeed, pick, prng, shuffle, streamSeed, uuidV7, weighted, type Random } from "./random";
import {
  ABANDON_REASONS,
  COMMENTS,
  DEPARTMENTS,
  FIRST_NAMES,
  KEY_RESULT_TEMPLATES,
  LAST_NAMES,
  MILESTONE_NAMES,
  NOTES,
  OBJECTIVE_THEMES,
  RETRO_LEARNED,
  RETRO_WENT_WELL,
  TARGET_CHANGE_REASONS,
  TEAM_AREAS,
  TEAM_KINDS,
  TIME_ZONES,
  WHY_IT_MATTERS,
  type KeyResultTemplate,
} from "./words";

/**
 * The whole organisation except check-ins, planned in memory (a few tens of megabytes at size L) so that stored
 * progress, confidence and last check-in can be computed before the rows are streamed. Check-ins are not kept:
 * `checkInsOf` recomputes a key result's weeks from its own seed whenever a table needs them.
 */

export type Role = "owner" | "admin" | "member" | "viewer";
export type Confidence = "on_track" | "at_risk" | "off_track";
export type CycleKey = "closed" | "active";
type Health = "good" | "risk" | "off";

export const EMAIL_DOMAIN = "bench.keel.example";

export interface PlanOptions {
  size: Size;
  seed: number;
  /** YYYY-MM-DD: the data's "today"; the active cycle's thirteenth and last week contains it. */
  today: string;
}

export interface Person {
  index: number;
  id: string;
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  remindersEnabled: boolean;
  createdAt: Date;
  teamIndex: number | null;
}

export interface Team {
  index: number;
  id: string;
  parentIndex: number | null;
  /** 1 department, 2 group, 3 team, 4 squad, 5 pod. */
  depth: number;
  name: string;
  createdAt: Date;
  leads: number[];
  members: number[];
}

export interface TeamMember {
  id: string;
  teamIndex: number;
  personIndex: number;
  role: "lead" | "member";
  createdAt: Date;
}

export interface Cycle {
  key: CycleKey;
  id: string;
  name: string;
  startDate: Date;
  endDate: Date;
  state: "active" | "closed";
  summary: string | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date;
}

export interface Objective {
  index: number;
  id: string;
  cycle: CycleKey;
  /** Place in the alignment: 1 company, 2 department or group, 3 team, squad or pod, 4 personal. */
  tier: 1 | 2 | 3 | 4;
  level: "company" | "team" | "personal";
  teamIndex: number | null;
  ownerIndex: number;
  title: string;
  whyItMatters: string;
  kind: "committed" | "aspirational";
  state: "active" | "done" | "abandoned";
  parentObjectiveIndex: number | null;
  parentKeyResultIndex: number | null;
  position: number;
  progress: string;
  abandonReason: string | null;
  abandonedAt: Date | null;
  retroWentWell: string | null;
  retroLearned: string | null;
  carriedFromIndex: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  keyResults: number[];
}

export interface TargetChange {
  week: number;
  at: Date;
  before: string;
  reason: string;
  actorIndex: number;
}

export interface KeyResult {
  index: number;
  id: string;
  cycle: CycleKey;
  objectiveIndex: number;
  ownerIndex: number;
  title: string;
  type: KeyResultTemplate["type"];
  direction: KeyResultTemplate["direction"];
  startValue: string;
  targetValue: string;
  unit: string;
  milestones: string[];
  weight: string;
  position: number;
  seed: number;
  health: Health;
  decimals: number;
  quantum: number;
  weeks: number;
  targetChange: TargetChange | null;
  createdAt: Date;
  currentValue: string;
  progress: string;
  confidence: Confidence;
  lastCheckInAt: Date;
  score: string | null;
  version: number;
  updatedAt: Date;
}

export interface Comment {
  id: string;
  objectiveIndex: number;
  authorIndex: number;
  body: string;
  createdAt: Date;
}

export interface CheckIn {
  id: string;
  versionId: string;
  week: Date;
  at: Date;
  value: string;
  confidence: Confidence;
  note: string;
}

export interface Plan {
  seed: number;
  size: Size;
  today: Date;
  /** The instant the data is "now" at: noon UTC of `today`; nothing is dated later. */
  now: Date;
  organization: { id: string; name: string; slug: string; createdAt: Date; updatedAt: Date };
  people: Person[];
  teams: Team[];
  teamMembers: TeamMember[];
  cycles: Record<CycleKey, Cycle>;
  objectives: Objective[];
  keyResults: KeyResult[];
  comments: Comment[];
  /** The person who owns exactly ten key results in the active cycle, for the "my week" measure. */
  tenKeyResultsPersonIndex: number;
}

const HOUR = 3600_000;

export function planOrganization(options: PlanOptions): Plan {
  const today = parseIsoDate(options.today);
  if (!today) throw new Error(`--today must be a date like 2026-11-25 (got ${options.today})`);
  const { size, seed } = options;
  const stream = (label: string) => prng(streamSeed(seed, label));
  const now = new Date(today.getTime() + 12 * HOUR);

  const activeStart = addWeeks(mondayOf(today), -ACTIVE_CHECK_IN_WEEKS);
  const closedStart = addWeeks(activeStart, -CYCLE_WEEKS);
  const orgCreatedAt = new Date(addWeeks(closedStart, -80).getTime() + 10 * HOUR);

  const idRandom = stream("ids");
  const id = (at: Date) => uuidV7(idRandom, at);

  const organization = { id: id(orgCreatedAt), name: "Meridian Group", slug: "meridian", createdAt: orgCreatedAt, updatedAt: addWeeks(closedStart, -3) };

  const teams = planTeams(size.teams, stream("teams"), orgCreatedAt, id);
  const { people, teamMembers } = planPeople(size.people, teams, stream("people"), orgCreatedAt, closedStart, id);

  const cycles: Record<CycleKey, Cycle> = {
    closed: planCycle("closed", closedStart, id),
    active: planCycle("active", activeStart, id),
  };

  const objectives: Objective[] = [];
  const keyResults: KeyResult[] = [];
  const closedCount = Math.round(size.objectives * CLOSED_CYCLE_SHARE);
  const context = { seed, people, teams, objectives, keyResults, id };
  planCycleObjectives(context, cycles.closed, closedCount, [1, 2], stream("closed-objectives"), null);
  const tenKeyResultsPersonIndex = chooseTenKeyResultsPerson(people, teams);
  planCycleObjectives(context, cycles.active, size.objectives, [2, 4], stream("active-objectives"), tenKeyResultsPersonIndex);
  giveExactlyTenKeyResults(objectives, keyResults, teams, people[tenKeyResultsPersonIndex]!);

  for (const kr of keyResults) settleKeyResult(kr, cycles[kr.cycle], objectives[kr.objectiveIndex]!, now);
  for (const o of objectives) settleObjective(o, keyResults, now);
  const comments = planComments(objectives, teams, people, cycles.active, now, stream("comments"), id);

  return { seed, size, today, now, organization, people, teams, teamMembers, cycles, objectives, keyResults, comments, tenKeyResultsPersonIndex };
}

function planTeams(count: number, random: Random, orgCreatedAt: Date, id: (at: Date) => string): Team[] {
  // Departments > groups > teams > squads, with a few pods under squads: a tree four to five deep.
  const departments = Math.max(3, Math.round(count / 150));
  const groups = Math.max(2 * departments, Math.round(count / 25));
  const plainTeams = Math.max(2 * groups, Math.round(count / 4.2));
  const pods = Math.max(1, Math.round(count / 40));
  const squads = count - departments - groups - plainTeams - pods;
  if (squads < 1) throw new Error(`${count} teams are too few for a tree four or five deep`);

  const names = shuffle(random, TEAM_AREAS.flatMap((area) => TEAM_KINDS.map((kind) => `${area} ${kind}`)));
  // Past the distinct names (size XL), they come round again numbered: "Payments Falcon 2".
  const nameOf = (index: number) => names[index % names.length]! + (index < names.length ? "" : ` ${Math.floor(index / names.length) + 1}`);
  const teams: Team[] = [];
  const levels: number[][] = [];
  const add = (depth: number, amount: number) => {
    const parents = depth === 1 ? [] : levels[depth - 2]!;
    const level: number[] = [];
    for (let i = 0; i < amount; i++) {
      // Every parent gets a child before any gets a second, so no department or group is left empty.
      const parentIndex = depth === 1 ? null : i < parents.length ? parents[i]! : pick(random, parents);
      const index = teams.length;
      const name = depth === 1 ? (DEPARTMENTS[i] ?? `Department ${i + 1}`) : nameOf(index);
      // A team is set up within two months of the one above it.
      const after = parentIndex === null ? orgCreatedAt : teams[parentIndex]!.createdAt;
      const createdAt = new Date(after.getTime() + Math.floor(between(random, 1, 60) * 24) * HOUR);
      teams.push({ index, id: "", parentIndex, depth, name, createdAt, leads: [], members: [] });
      level.push(index);
    }
    levels.push(level);
  };
  add(1, departments);
  add(2, groups);
  add(3, plainTeams);
  add(4, squads);
  add(5, pods);
  // Ids in creation order, so they sort as uuid v7 ids made by the app would.
  for (const team of [...teams].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.index - b.index)) team.id = id(team.createdAt);
  return teams;
}

function planPeople(count: number, teams: Team[], random: Random, orgCreatedAt: Date, closedStart: Date, id: (at: Date) => string) {
  const combos = FIRST_NAMES.length * LAST_NAMES.length;
  // Past the distinct first and last names (size XL), the combinations come round again with a middle initial.
  if (count > combos * 27) throw new Error(`at most ${combos * 27} people have distinct names`);
  const order = shuffle(random, Array.from({ length: combos }, (_, i) => i));
  const viewerCount = Math.max(1, Math.round(count * 0.02));
  const adminCount = Math.max(2, Math.round(count * 0.01));
  const joinedBy = addWeeks(closedStart, -2).getTime();

  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const combo = order[i % combos]!;
    const round = Math.floor(i / combos);
    const initial = round ? String.fromCharCode(64 + round) : null;
    const first = FIRST_NAMES[combo % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(combo / FIRST_NAMES.length)]!;
    const createdAt = i === 0 ? orgCreatedAt : new Date(Math.floor(between(random, orgCreatedAt.getTime() + HOUR, joinedBy) / 1000) * 1000);
    people.push({
      index: i,
      id: "",
      name: initial ? `${first} ${initial}. ${last}` : `${first} ${last}`,
      email: (initial ? `${first}.${initial}.${last}` : `${first}.${last}`).toLowerCase().replace(/\s+/g, "-") + `@${EMAIL_DOMAIN}`,
      role: i === 0 ? "owner" : i >= count - viewerCount ? "viewer" : "member",
      timeZone: pick(random, TIME_ZONES),
      remindersEnabled: random() < 0.9,
      createdAt,
      teamIndex: null,
    });
  }

  // One or two leads per team, then everyone else (but the owner and the viewers) spread over the teams,
  // with more people in the small teams at the bottom of the tree than in departments and groups.
  let next = 1;
  for (const team of teams) {
    const leadCount = team.depth > 1 && random() < 0.2 ? 2 : 1;
    for (let k = 0; k < leadCount; k++) {
      team.leads.push(next);
      people[next]!.teamIndex = team.index;
      next++;
    }
  }
  const lastMember = count - viewerCount;
  if (next > lastMember) throw new Error(`${count} people are too few to lead ${teams.length} teams`);
  const depthWeight = [0, 0.5, 1, 3, 5, 4];
  const choices = teams.map((t) => [t.index, depthWeight[t.depth]!] as const);
  for (let i = next; i < lastMember; i++) {
    const teamIndex = weighted(random, choices);
    teams[teamIndex]!.members.push(i);
    people[i]!.teamIndex = teamIndex;
  }

  // Admins: the department heads first, then people spread evenly over the organisation.
  const admins: number[] = teams.filter((t) => t.depth === 1).map((t) => t.leads[0]!);
  for (let i = 1; admins.length < adminCount && i < lastMember; i += 37) if (!admins.includes(i)) admins.push(i);
  for (const a of admins.slice(0, adminCount)) people[a]!.role = "admin";

  for (const person of [...people].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.index - b.index)) person.id = id(person.createdAt);

  const teamMembers: TeamMember[] = [];
  for (const team of teams) {
    for (const [role, list] of [["lead", team.leads], ["member", team.members]] as const) {
      for (const p of list) {
        const joined = Math.max(team.createdAt.getTime(), people[p]!.createdAt.getTime()) + HOUR;
        teamMembers.push({ id: "", teamIndex: team.index, personIndex: p, role, createdAt: new Date(joined) });
      }
    }
  }
  teamMembers.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.teamIndex - b.teamIndex || a.personIndex - b.personIndex);
  for (const m of teamMembers) m.id = id(m.createdAt);
  return { people, teamMembers };
}

function quarterName(start: Date): string {
  const middle = addDays(start, Math.floor((CYCLE_WEEKS * 7) / 2));
  return `Q${Math.floor(middle.getUTCMonth() / 3) + 1} ${middle.getUTCFullYear()}`;
}

function planCycle(key: CycleKey, start: Date, id: (at: Date) => string): Cycle {
  // Created before the first objectives of its planning weeks.
  const createdAt = new Date(addDays(start, -24).getTime() + 9 * HOUR);
  const end = addDays(addWeeks(start, CYCLE_WEEKS), -1);
  const activatedAt = new Date(start.getTime() + 8 * HOUR);
  const closedAt = key === "closed" ? new Date(addDays(end, 3).getTime() + 15 * HOUR) : null;
  return {
    key,
    id: id(createdAt),
    name: quarterName(start),
    startDate: start,
    endDate: end,
    state: key,
    summary: key === "closed" ? "Demand was there; our delivery capacity was the constraint. Two of this quarter's company objectives come from that lesson." : null,
    closedAt,
    createdAt,
    updatedAt: closedAt ?? activatedAt,
    activatedAt,
  };
}

/** The member of a squad (not a lead) who will own exactly ten key results: an ordinary person with a full week. */
function chooseTenKeyResultsPerson(people: Person[], teams: Team[]): number {
  for (const team of teams) {
    if (team.depth !== 4) continue;
    const member = team.members.find((p) => people[p]!.role === "member");
    if (member !== undefined) return member;
  }
  throw new Error("no squad member to own ten key results");
}

interface PlanContext {
  seed: number;
  people: Person[];
  teams: Team[];
  objectives: Objective[];
  keyResults: KeyResult[];
  id: (at: Date) => string;
}

function planCycleObjectives(ctx: PlanContext, cycle: Cycle, count: number, perTeam: [number, number], random: Random, reserved: number | null) {
  const { people, teams, objectives, keyResults } = ctx;
  const first = objectives.length;
  const isActive = cycle.key === "active";
  const usable = (p: number) => p !== reserved && people[p]!.role !== "viewer";
  const departmentHeads = teams.filter((t) => t.depth === 1).map((t) => t.leads[0]!);

  const push = (tier: Objective["tier"], teamIndex: number | null, ownerIndex: number) => {
    const index = objectives.length;
    objectives.push({
      index,
      id: "",
      cycle: cycle.key,
      tier,
      level: tier === 1 ? "company" : tier === 4 ? "personal" : "team",
      teamIndex,
      ownerIndex,
      title: "",
      whyItMatters: "",
      kind: random() < 0.2 ? "aspirational" : "committed",
      state: isActive ? "active" : "done",
      parentObjectiveIndex: null,
      parentKeyResultIndex: null,
      position: 0,
      progress: "0",
      abandonReason: null,
      abandonedAt: null,
      retroWentWell: null,
      retroLearned: null,
      carriedFromIndex: null,
      version: 1,
      createdAt: cycle.startDate,
      updatedAt: cycle.startDate,
      keyResults: [],
    });
    return index;
  };

  const companyCount = Math.min(8, Math.max(4, Math.round(count / 2500)));
  const companyOwners = [0, ...departmentHeads];
  const company: number[] = [];
  for (let i = 0; i < companyCount; i++) company.push(push(1, null, companyOwners[i % companyOwners.length]!));

  const teamOwner = (team: Team) => {
    const candidates = team.members.filter(usable);
    return random() < 0.75 || !candidates.length ? pick(random, team.leads) : pick(random, candidates);
  };
  const byTeam = new Map<number, number[]>();
  for (const tier of [2, 3] as const) {
    for (const team of teams) {
      const isUpperTeam = team.depth <= 2;
      if (isUpperTeam !== (tier === 2)) continue;
      const list: number[] = [];
      const amount = intBetween(random, perTeam[0], perTeam[1]);
      for (let k = 0; k < amount; k++) list.push(push(tier, team.index, teamOwner(team)));
      byTeam.set(team.index, list);
    }
  }

  const personalCount = count - (objectives.length - first);
  if (personalCount < 0) throw new Error(`${count} objectives are too few for ${teams.length} teams`);
  const eligible = shuffle(random, people.filter((p) => p.role !== "owner" && p.role !== "viewer").map((p) => p.index));
  for (let k = 0; k < personalCount; k++) {
    const owner = eligible[k % eligible.length]!;
    push(4, people[owner]!.teamIndex, owner);
  }
  const created = objectives.slice(first);

  // Two to four key results each, three on average, so the active cycle holds exactly three per objective.
  const counts: number[] = [];
  for (let k = 0; k + 1 < created.length; k += 2) counts.push(...weighted(random, [[[3, 3], 2], [[2, 4], 1], [[4, 2], 1]] as const));
  if (counts.length < created.length) counts.push(3);

  // Planning happens in the three weeks before the cycle, top-down: company objectives first, personal ones last.
  const tierWindow: Record<Objective["tier"], [number, number]> = { 1: [-21, -17], 2: [-16, -11], 3: [-10, -5], 4: [-5, -1] };
  for (const o of created) {
    const [from, to] = tierWindow[o.tier];
    o.createdAt = workingHour(random, addDays(cycle.startDate, from), to - from);
    // A few personal objectives (which nothing aligns beneath) are added in the cycle's first days, after its start.
    if (isActive && o.tier === 4 && random() < 0.02) o.createdAt = workingHour(random, addDays(cycle.startDate, 1), 2);
  }

  const theme = (o: Objective) => OBJECTIVE_THEMES[(o.index * 7 + Math.floor(random() * 5)) % OBJECTIVE_THEMES.length]!;
  for (const [k, o] of created.entries()) {
    const team = o.teamIndex === null ? null : teams[o.teamIndex]!;
    o.title = o.tier === 4 ? `${theme(o)}: my part` : team && o.tier === 3 ? `${team.name}: ${lowerFirst(theme(o))}` : theme(o);
    o.whyItMatters = pick(random, WHY_IT_MATTERS);
    for (let position = 0; position < counts[k]!; position++) {
      const kr = planKeyResult(ctx, cycle, o, position, random, usable, departmentHeads);
      o.keyResults.push(kr.index);
    }
  }

  // Alignment: department and group objectives serve the company's, team objectives serve their department's
  // or group's, personal ones their team's; some point at a key result rather than an objective, a few at nothing.
  const alignTo = (o: Objective, parents: number[], unalignedShare: number) => {
    if (!parents.length || random() < unalignedShare) return;
    const parent = objectives[pick(random, parents)]!;
    if (random() < 0.15) o.parentKeyResultIndex = pick(random, parent.keyResults);
    else o.parentObjectiveIndex = parent.index;
  };
  const nearestTier2 = (teamIndex: number): number[] => {
    for (let t: Team | null = teams[teamIndex]!; t; t = t.parentIndex === null ? null : teams[t.parentIndex]!) {
      if (t.depth <= 2) {
        const list = byTeam.get(t.index) ?? [];
        if (list.length) return list;
      }
    }
    return [];
  };
  for (const o of created) {
    if (o.tier === 2) alignTo(o, company, 0.03);
    else if (o.tier === 3) alignTo(o, nearestTier2(o.teamIndex!), 0.03);
    else if (o.tier === 4) {
      const team = teams[o.teamIndex!]!;
      alignTo(o, team.depth >= 3 ? (byTeam.get(team.index) ?? []) : nearestTier2(team.index), 0.04);
    }
  }

  if (isActive) {
    const closedByTeam = new Map<number, number[]>();
    for (const c of objectives) {
      if (c.cycle !== "closed" || c.tier !== 3) continue;
      const list = closedByTeam.get(c.teamIndex!) ?? [];
      list.push(c.index);
      closedByTeam.set(c.teamIndex!, list);
    }
    for (const o of created) {
      if (o.tier === 3 && random() < 0.03 && closedByTeam.has(o.teamIndex!)) {
        const from = objectives[pick(random, closedByTeam.get(o.teamIndex!)!)]!;
        o.carriedFromIndex = from.index;
        o.title = from.title;
      }
      if (o.tier >= 2 && o.ownerIndex !== reserved && random() < 0.015) {
        o.state = "abandoned";
        o.abandonReason = pick(random, ABANDON_REASONS);
      }
    }
  } else {
    for (const o of created) {
      if (random() < 0.3) {
        o.retroWentWell = pick(random, RETRO_WENT_WELL);
        o.retroLearned = pick(random, RETRO_LEARNED);
      }
    }
  }

  // Positions and ids follow creation order, as the app assigns them.
  created.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.index - b.index);
  for (const [position, o] of created.entries()) {
    o.position = position;
    o.id = ctx.id(o.createdAt);
    for (const k of o.keyResults) {
      const kr = keyResults[k]!;
      kr.createdAt = new Date(o.createdAt.getTime() + (kr.position + 1) * 4 * 60_000);
      kr.id = ctx.id(kr.createdAt);
    }
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A moment on a working day (9:00-17:00 UTC) within `days` days from `from`, to the second. */
function workingHour(random: Random, from: Date, days: number): Date {
  let day = addDays(from, Math.floor(random() * Math.max(1, days)));
  const weekday = day.getUTCDay();
  if (weekday === 0) day = addDays(day, 1);
  if (weekday === 6) day = addDays(day, -1);
  return new Date(day.getTime() + 9 * HOUR + Math.floor(random() * 8 * 3600) * 1000);
}

function roundTo(value: number, decimals: number, quantum: number): number {
  if (quantum > 1) return Math.round(value / quantum) * quantum;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function planKeyResult(
  ctx: PlanContext,
  cycle: Cycle,
  o: Objective,
  position: number,
  random: Random,
  usable: (p: number) => boolean,
  departmentHeads: number[],
): KeyResult {
  const template = weighted(random, KEY_RESULT_TEMPLATES.map((t) => [t, t.weight] as const));
  const quantum = template.type === "currency" ? 1000 : 0;
  const d = template.decimals;
  let start = roundTo(between(random, ...template.start), d, quantum);
  let target: number;
  let milestones: string[] = [];
  if (template.type === "milestone") {
    target = intBetween(random, template.targetFactor[0], template.targetFactor[1]);
    milestones = MILESTONE_NAMES.slice(0, target);
    start = 0;
  } else if (template.type === "yes_no") {
    start = 0;
    target = 1;
  } else if (template.direction === "keep_above" || template.direction === "keep_below") {
    target = roundTo(between(random, ...template.targetFactor), d, quantum);
  } else {
    const factor = between(random, ...template.targetFactor);
    target = roundTo(template.start[1] === 0 ? factor : start * factor, d, quantum);
    const step = quantum || 10 ** -d;
    if (template.direction === "increase" && target <= start) target = start + step;
    if (template.direction === "decrease" && target >= start) target = start - step;
  }

  const team = o.teamIndex === null ? null : ctx.teams[o.teamIndex]!;
  let ownerIndex = o.ownerIndex;
  if (o.tier === 1 && random() < 0.5) ownerIndex = pick(random, departmentHeads);
  else if ((o.tier === 2 || o.tier === 3) && team && random() < 0.4) {
    const candidates = [...team.leads, ...team.members].filter(usable);
    if (candidates.length) ownerIndex = pick(random, candidates);
  }

  const isActive = cycle.key === "active";
  const health = weighted<Health>(random, isActive ? [["good", 0.62], ["risk", 0.27], ["off", 0.11]] : [["good", 0.55], ["risk", 0.3], ["off", 0.15]]);
  const index = ctx.keyResults.length;
  const weight = weighted(random, [["1", 17], ["2", 2], ["0.5", 1]] as const);
  const kr: KeyResult = {
    index,
    id: "",
    cycle: cycle.key,
    objectiveIndex: o.index,
    ownerIndex,
    title: keyResultTitle(template, start, target),
    type: template.type,
    direction: template.direction,
    startValue: formatNumber(start, d),
    targetValue: formatNumber(target, d),
    unit: template.unit,
    milestones,
    weight,
    position,
    seed: itemSeed(streamSeed(ctx.seed, "key-results"), index),
    health,
    decimals: d,
    quantum,
    weeks: isActive ? ACTIVE_CHECK_IN_WEEKS : CLOSED_CHECK_IN_WEEKS,
    targetChange: null,
    createdAt: cycle.startDate,
    currentValue: "0",
    progress: "0",
    confidence: "on_track",
    lastCheckInAt: cycle.startDate,
    score: null,
    version: 1,
    updatedAt: cycle.startDate,
  };
  // Some targets change mid-cycle, visibly: the history keeps the old one and the reason.
  const isMeasured = template.direction === "increase" || template.direction === "decrease";
  if (isActive && isMeasured && template.type !== "milestone" && template.type !== "yes_no" && random() < 0.04) {
    const factor = random() < 0.5 ? 0.8 : 1.25;
    let before = roundTo(start + (target - start) * factor, d, quantum);
    if (before === target || before === start) before = target + (target - start);
    const week = intBetween(random, 3, 10);
    kr.targetChange = {
      week,
      at: new Date(addWeeks(cycle.startDate, week).getTime() + 8 * HOUR + Math.floor(random() * 3600) * 1000),
      before: formatNumber(before, d),
      reason: pick(random, TARGET_CHANGE_REASONS),
      actorIndex: o.ownerIndex,
    };
    kr.version = 2;
  }
  ctx.keyResults.push(kr);
  return kr;
}

function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** How the app writes a decimal in the history: no trailing zeros. */
export function plainDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

function keyResultTitle(t: KeyResultTemplate, start: number, target: number): string {
  const unit = t.unit === "%" ? "%" : t.unit ? ` ${t.unit}` : "";
  const fmt = (n: number) => (t.type === "currency" ? `€${n.toLocaleString("en-GB")}` : `${n}${unit}`);
  switch (t.direction) {
    case "keep_above":
      return `Keep ${t.metric} above ${fmt(target)}`;
    case "keep_below":
      return `Keep ${t.metric} below ${fmt(target)}`;
    case "decrease":
      return `Reduce ${t.metric} from ${fmt(start)} to ${fmt(target)}`;
    default:
      if (t.type === "milestone") return `Complete the ${t.metric} (${target} milestones)`;
      if (t.type === "yes_no") return `Get the ${t.metric}`;
      return start === 0 ? `Reach ${fmt(target)} ${t.type === "currency" ? t.metric : ""}`.trim() : `Grow ${t.metric} from ${fmt(start)} to ${fmt(target)}`;
  }
}

/**
 * The owner of ten key results: their own personal objectives, topped up with key results of the objectives of
 * their squad and the teams above it, so the count is exact whatever the random draw gave them.
 */
function giveExactlyTenKeyResults(objectives: Objective[], keyResults: KeyResult[], teams: Team[], person: Person) {
  const isOwned = (kr: KeyResult) => kr.cycle === "active" && kr.ownerIndex === person.index;
  let have = keyResults.filter(isOwned).length;
  if (have > 10) throw new Error(`the person meant to own ten key results already owns ${have}`);
  const chain = new Set<number>();
  for (let t: Team | null = person.teamIndex === null ? null : teams[person.teamIndex]!; t; t = t.parentIndex === null ? null : teams[t.parentIndex]!) chain.add(t.index);
  for (const o of objectives) {
    if (o.cycle !== "active" || o.tier === 4 || o.state !== "active" || o.teamIndex === null || !chain.has(o.teamIndex)) continue;
    for (const k of o.keyResults) {
      const kr = keyResults[k]!;
      if (have >= 10) return;
      if (isOwned(kr)) continue;
      kr.ownerIndex = person.index;
      have++;
    }
  }
  if (have !== 10) throw new Error(`could not give one person exactly ten key results (got ${have})`);
}

/**
 * A key result's weekly check-ins, recomputed from its own seed: values moving towards the target at the pace
 * its health allows, with noise, the confidence its owner would give, and a short note.
 */
export function checkInsOf(kr: KeyResult, cycle: Cycle, objective: Objective, withIds = true): CheckIn[] {
  const random = prng(kr.seed);
  const idRandom = prng(itemSeed(kr.seed, 1));
  const start = Number(kr.startValue);
  const target = Number(kr.targetValue);
  const before = kr.targetChange ? Number(kr.targetChange.before) : target;
  const pace = kr.health === "good" ? between(random, 0.95, 1.25) : kr.health === "risk" ? between(random, 0.55, 0.8) : between(random, 0.15, 0.4);
  const doneWeek = intBetween(random, 7, kr.weeks - 1);
  const notBefore = Math.max(kr.createdAt.getTime(), objective.createdAt.getTime()) + HOUR;
  const out: CheckIn[] = [];
  let previous = start;
  for (let w = 0; w < kr.weeks; w++) {
    const week = addWeeks(cycle.startDate, w);
    const expected = (w + 1) / CYCLE_WEEKS;
    const goal = kr.targetChange && w < kr.targetChange.week ? before : target;
    let value: number;
    if (kr.type === "yes_no") {
      value = kr.health === "good" && w >= doneWeek ? 1 : 0;
    } else if (kr.direction === "keep_above" || kr.direction === "keep_below") {
      const up = kr.direction === "keep_above" ? 1 : -1;
      const band = Math.max(Math.abs(target - start), 5 * 10 ** -kr.decimals);
      const side = kr.health === "good" ? 0.5 : kr.health === "risk" ? (w % 3 === 2 ? -0.2 : 0.15) : -0.4;
      value = target + up * band * (side + (random() - 0.5) * 0.4);
    } else {
      const fraction = Math.min(1.15, expected * pace * (0.9 + random() * 0.2) + (random() - 0.5) * 0.03);
      value = start + (goal - start) * fraction;
    }
    value = roundTo(value, kr.decimals, kr.quantum);
    if (kr.type === "milestone") value = Math.min(target, Math.max(previous, Math.floor(value)));
    if (kr.type === "percent") value = Math.min(100, Math.max(0, value));
    if (kr.type !== "percent" && value < 0) value = 0;
    // Counts reached do not go backwards.
    if (kr.direction === "increase" && kr.type === "number") value = Math.max(previous, value);
    previous = value;

    const confidence = confidenceFor(kr, value, expected, random);
    const note = random() < 0.85 ? pick(random, NOTES[confidence]) : "";
    let at = new Date(week.getTime() + Math.floor(random() * 5) * 24 * HOUR + 9 * HOUR + Math.floor(random() * 8 * 3600) * 1000);
    if (at.getTime() < notBefore) at = new Date(notBefore);
    // The ids draw from their own stream, so leaving them out changes no value.
    const id = withIds ? uuidV7(idRandom, at) : "";
    const versionId = withIds ? uuidV7(idRandom, at) : "";
    out.push({ id, versionId, week, at, value: formatNumber(value, kr.decimals), confidence, note });
  }
  return out;
}

function confidenceFor(kr: KeyResult, value: number, expected: number, random: Random): Confidence {
  const start = Number(kr.startValue);
  const target = Number(kr.targetValue);
  if (kr.type === "yes_no" || kr.direction === "keep_above" || kr.direction === "keep_below") {
    const isMet = kr.type === "yes_no" ? value >= 1 : kr.direction === "keep_above" ? value >= target : value <= target;
    if (isMet) return kr.health === "good" || random() < 0.6 ? "on_track" : "at_risk";
    return kr.health === "off" ? "off_track" : kr.type === "yes_no" && kr.health === "good" ? "on_track" : "at_risk";
  }
  const span = kr.direction === "decrease" ? start - target : target - start;
  const moved = kr.direction === "decrease" ? start - value : value - start;
  const ratio = span > 0 ? moved / span / expected : 1;
  // Owners are a little more optimistic than their numbers early in the cycle.
  const slack = expected < 0.25 ? 0.2 : 0;
  return ratio + slack >= 0.85 ? "on_track" : ratio + slack >= 0.55 ? "at_risk" : "off_track";
}

function settleKeyResult(kr: KeyResult, cycle: Cycle, objective: Objective, now: Date) {
  const checkIns = checkInsOf(kr, cycle, objective, false);
  const last = checkIns[checkIns.length - 1]!;
  kr.currentValue = last.value;
  kr.confidence = last.confidence;
  kr.lastCheckInAt = last.at;
  kr.progress = round4(keyResultProgress({ type: kr.type, direction: kr.direction, start: kr.startValue, target: kr.targetValue, current: kr.currentValue }).progress);
  kr.updatedAt = last.at;
  if (kr.cycle === "closed") {
    kr.score = (Math.round(Number(kr.progress) / 10) / 10).toFixed(2);
    kr.updatedAt = cycle.closedAt!;
  }
  if (last.at.getTime() > now.getTime()) throw new Error("a check-in was dated after today");
}

function settleObjective(o: Objective, keyResults: KeyResult[], now: Date) {
  const krs = o.keyResults.map((k) => keyResults[k]!);
  o.progress = round4(weightedMean(krs.map((kr) => ({ progress: kr.progress, weight: kr.weight }))));
  const lastChange = Math.max(o.createdAt.getTime(), ...krs.map((kr) => kr.updatedAt.getTime()));
  o.updatedAt = new Date(lastChange);
  if (o.state === "abandoned") {
    // Abandoned this week, after its last check-ins, so the history reads in order.
    const gapHours = ((o.index * 7919) % 36) + 2;
    o.abandonedAt = new Date(Math.min(lastChange + gapHours * HOUR, now.getTime() - HOUR));
    o.updatedAt = o.abandonedAt;
    o.version = 2;
  }
}

function planComments(objectives: Objective[], teams: Team[], people: Person[], cycle: Cycle, now: Date, random: Random, id: (at: Date) => string): Comment[] {
  const comments: Comment[] = [];
  const span = now.getTime() - cycle.startDate.getTime() - 2 * HOUR;
  for (const o of objectives) {
    if (o.cycle !== "active" || random() >= 0.08) continue;
    const team = o.teamIndex === null ? null : teams[o.teamIndex]!;
    const voices = team ? [...team.leads, ...team.members].filter((p) => people[p]!.role !== "viewer") : [o.ownerIndex];
    const amount = intBetween(random, 1, 3);
    for (let k = 0; k < amount; k++) {
      const createdAt = new Date(Math.max(o.createdAt.getTime() + HOUR, cycle.startDate.getTime() + Math.floor(random() * span / 1000) * 1000));
      comments.push({ id: "", objectiveIndex: o.index, authorIndex: voices.length ? pick(random, voices) : o.ownerIndex, body: pick(random, COMMENTS), createdAt });
    }
  }
  comments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.objectiveIndex - b.objectiveIndex);
  for (const c of comments) c.id = id(c.createdAt);
  return comments;
}
