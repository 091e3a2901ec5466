import { focusWarnings } from "@/lib/focus/limits";
import { LEVELS, STATES, type TreePayload } from "./payload";

export interface FocusMarks {
  /** A short badge for objective rows that break a limit themselves. */
  objectives: Map<number, string>;
  /** Every limit an objective is caught up in: its own, its team's, its key-result owners'. */
  details: Map<number, string[]>;
}

/**
 * The organisation's focus limits (lib/focus) applied to the tree's columns, then mapped back to the rows they
 * concern: objectives with too many key results, teams with too many objectives, people owning too many key results.
 */
export function objectiveWarnings(payload: TreePayload): FocusMarks {
  const o = payload.objectives;
  const k = payload.keyResults;
  const warnings = focusWarnings({
    limits: payload.limits,
    objectives: o.id.map((id, i) => ({ id, teamId: o.team[i]! >= 0 ? payload.teams.id[o.team[i]!]! : null, state: STATES[o.state[i]!]!, level: LEVELS[o.level[i]!] })),
    keyResults: k.objective.map((objective, j) => ({ objectiveId: o.id[objective]!, ownerId: payload.people.id[k.owner[j]!]! })),
  });

  const objectiveIndex = new Map(o.id.map((id, i) => [id, i]));
  const teamIndex = new Map(payload.teams.id.map((id, i) => [id, i]));
  const personIndex = new Map(payload.people.id.map((id, i) => [id, i]));
  const marks: FocusMarks = { objectives: new Map(), details: new Map() };
  const add = (i: number, text: string) => {
    const list = marks.details.get(i) ?? [];
    if (!list.includes(text)) marks.details.set(i, [...list, text]);
  };

  for (const over of warnings.objectives) {
    const i = objectiveIndex.get(over.objectiveId)!;
    marks.objectives.set(i, `${over.count} key results`);
    add(i, `${over.count} key results, above the limit of ${over.limit} per objective`);
  }
  const teamsOver = new Map(warnings.teams.map((t) => [teamIndex.get(t.teamId)!, t]));
  const peopleOver = new Map(warnings.people.map((p) => [personIndex.get(p.userId)!, p]));
  for (let i = 0; i < o.id.length; i++) {
    const team = teamsOver.get(o.team[i]!);
    if (!team || o.level[i] !== 1 || (o.state[i] !== 0 && o.state[i] !== 1)) continue;
    add(i, `${payload.teams.name[o.team[i]!]} has ${team.count} objectives, above the limit of ${team.limit} per team`);
    if (!marks.objectives.has(i)) marks.objectives.set(i, "team over limit");
  }
  for (let j = 0; j < k.objective.length; j++) {
    const person = peopleOver.get(k.owner[j]!);
    if (person) add(k.objective[j]!, `${payload.people.name[k.owner[j]!]} owns ${person.count} key results, above the limit of ${person.limit} per person`);
  }
  return marks;
}
