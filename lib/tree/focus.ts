import type { TreePayload } from "./payload";

export interface FocusMarks {
  /** A short badge for objective rows that break a limit themselves. */
  objectives: Map<number, string>;
  /** Every limit an objective is caught up in: its own, its team's, its key-result owners'. */
  details: Map<number, string[]>;
  teamsOver: { team: number; count: number }[];
  peopleOver: { person: number; count: number }[];
  objectivesOver: { objective: number; count: number }[];
}

const COUNTED_STATES = new Set([0, 1]);

/**
 * Where the cycle spreads focus too thin, against the organisation's limits: teams with too many objectives,
 * objectives with too many key results, people owning too many key results. Drafts and active objectives count;
 * done and abandoned ones do not.
 */
export function objectiveWarnings(payload: TreePayload): FocusMarks {
  const { limits } = payload;
  const o = payload.objectives;
  const k = payload.keyResults;
  const krsPerObjective = new Int32Array(o.id.length);
  const krsPerPerson = new Int32Array(payload.people.id.length);
  const objectivesPerTeam = new Int32Array(payload.teams.id.length);
  for (let j = 0; j < k.objective.length; j++) {
    const objective = k.objective[j]!;
    if (!COUNTED_STATES.has(o.state[objective]!)) continue;
    krsPerObjective[objective]! += 1;
    krsPerPerson[k.owner[j]!]! += 1;
  }
  for (let i = 0; i < o.id.length; i++) {
    if (o.level[i] === 1 && o.team[i]! >= 0 && COUNTED_STATES.has(o.state[i]!)) objectivesPerTeam[o.team[i]!]! += 1;
  }

  const marks: FocusMarks = { objectives: new Map(), details: new Map(), teamsOver: [], peopleOver: [], objectivesOver: [] };
  const add = (i: number, text: string) => marks.details.set(i, [...(marks.details.get(i) ?? []), text]);
  objectivesPerTeam.forEach((count, team) => count > limits.maxObjectivesPerTeam && marks.teamsOver.push({ team, count }));
  krsPerPerson.forEach((count, person) => count > limits.maxKeyResultsPerPerson && marks.peopleOver.push({ person, count }));
  const teamOver = new Set(marks.teamsOver.map((t) => t.team));

  for (let i = 0; i < o.id.length; i++) {
    if (!COUNTED_STATES.has(o.state[i]!)) continue;
    if (krsPerObjective[i]! > limits.maxKeyResultsPerObjective) {
      marks.objectivesOver.push({ objective: i, count: krsPerObjective[i]! });
      marks.objectives.set(i, `${krsPerObjective[i]} key results`);
      add(i, `${krsPerObjective[i]} key results, above the limit of ${limits.maxKeyResultsPerObjective} per objective`);
    }
    if (o.level[i] === 1 && teamOver.has(o.team[i]!)) {
      add(i, `${payload.teams.name[o.team[i]!]} has ${objectivesPerTeam[o.team[i]!]} objectives, above the limit of ${limits.maxObjectivesPerTeam} per team`);
      if (!marks.objectives.has(i)) marks.objectives.set(i, "team over limit");
    }
  }
  const peopleOver = new Map(marks.peopleOver.map((p) => [p.person, p.count]));
  for (let j = 0; j < k.objective.length; j++) {
    const count = peopleOver.get(k.owner[j]!);
    if (count === undefined) continue;
    const text = `${payload.people.name[k.owner[j]!]} owns ${count} key results, above the limit of ${limits.maxKeyResultsPerPerson} per person`;
    const existing = marks.details.get(k.objective[j]!) ?? [];
    if (!existing.includes(text)) add(k.objective[j]!, text);
  }
  return marks;
}
