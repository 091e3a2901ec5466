import type { InitiativeStatusValue } from "./schemas";

export interface InitiativeFacts {
  status: InitiativeStatusValue;
  /** Calendar day it is due ("2027-02-15"), or null. */
  dueDate: string | null;
}

export interface InitiativeTally {
  total: number;
  done: number;
  dropped: number;
  /** Planned or in progress and due before today. */
  overdue: number;
}

/** Whether an initiative is still to be done and its due day has passed (`today` is "YYYY-MM-DD" where the reader is). */
export function isOverdue(initiative: InitiativeFacts, today: string): boolean {
  return (initiative.status === "planned" || initiative.status === "in_progress") && initiative.dueDate !== null && initiative.dueDate < today;
}

export function tallyInitiatives(initiatives: readonly InitiativeFacts[], today: string): InitiativeTally {
  const tally: InitiativeTally = { total: initiatives.length, done: 0, dropped: 0, overdue: 0 };
  for (const i of initiatives) {
    if (i.status === "done") tally.done++;
    if (i.status === "dropped") tally.dropped++;
    if (isOverdue(i, today)) tally.overdue++;
  }
  return tally;
}

/**
 * The value and target of an "initiatives done" key result: initiatives done out of all that are not dropped. A
 * dropped initiative is work the team decided not to do, so it neither counts against the key result nor for it.
 */
export function initiativesMeasure(initiatives: readonly Pick<InitiativeFacts, "status">[]): { current: number; target: number } {
  let current = 0;
  let target = 0;
  for (const i of initiatives) {
    if (i.status === "dropped") continue;
    target++;
    if (i.status === "done") current++;
  }
  return { current, target };
}

/** "3 initiatives, 1 overdue", "1 initiative", or "No initiatives". */
export function describeTally(tally: Pick<InitiativeTally, "total" | "overdue">): string {
  if (tally.total === 0) return "No initiatives";
  const count = `${tally.total} ${tally.total === 1 ? "initiative" : "initiatives"}`;
  return tally.overdue ? `${count}, ${tally.overdue} overdue` : count;
}
