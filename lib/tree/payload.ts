import type { CycleState } from "@/lib/generated/prisma/enums";

/**
 * The alignment tree of a cycle as it travels to the browser: columns of equal length instead of an array of
 * objects, and references as indexes into those columns instead of repeated ids. For 20,000 objectives and
 * 60,000 key results this is several times smaller and faster to parse than the object form.
 */
export interface TreePayload {
  cycle: { id: string; name: string; state: CycleState; startDate: string; endDate: string };
  limits: { maxObjectivesPerTeam: number; maxKeyResultsPerObjective: number; maxKeyResultsPerPerson: number };
  teams: { id: string[]; name: string[]; parent: number[]; archived: boolean[] };
  people: { id: string[]; name: string[] };
  objectives: {
    id: string[];
    title: string[];
    /** 0 company, 1 team, 2 personal */
    level: number[];
    /** index into teams, -1 for none */
    team: number[];
    /** index into people */
    owner: number[];
    /** 0 draft, 1 active, 2 done, 3 abandoned */
    state: number[];
    /** 0 committed, 1 aspirational */
    kind: number[];
    /** percent, 0-100 */
    progress: number[];
    /** index of the parent objective, -1 for none */
    parent: number[];
    /** index of the parent key result, -1 for none */
    parentKr: number[];
  };
  keyResults: {
    /** index of the objective it measures */
    objective: number[];
    title: string[];
    progress: number[];
    /** -1 no check-in yet, 0 on track, 1 at risk, 2 off track */
    confidence: number[];
    owner: number[];
  };
}

export const LEVELS = ["company", "team", "personal"] as const;
export const STATES = ["draft", "active", "done", "abandoned"] as const;
export const CONFIDENCES = ["on_track", "at_risk", "off_track"] as const;
export type ConfidenceName = (typeof CONFIDENCES)[number];
