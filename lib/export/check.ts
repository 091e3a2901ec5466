import type { ExportDocument } from "./document";

export interface FileProblem {
  /** Where in the file: `objectives.12.parentObjectiveId`. */
  path: string;
  message: string;
}

/** Enough to fix a file by; a file broken everywhere would otherwise answer with megabytes of problems. */
export const MAX_PROBLEMS = 100;

/**
 * What the database would refuse, or the application could not live with, found before anything is written: every
 * reference names a row of the file, no id is used twice, what is unique in the database is unique in the file, and
 * neither teams nor alignment loop back on themselves.
 */
export function findReferenceProblems(doc: ExportDocument): FileProblem[] {
  const problems: FileProblem[] = [];
  const add = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };

  const seen = new Map<string, string>();
  const index = <T extends { id: string }>(key: string, rows: readonly T[]) => {
    const byId = new Map<string, T>();
    rows.forEach((row, i) => {
      const first = seen.get(row.id);
      if (first) add(`${key}.${i}.id`, `The id ${row.id} is already used at ${first}`);
      else seen.set(row.id, `${key}.${i}`);
      byId.set(row.id, row);
    });
    return byId;
  };
  seen.set(doc.organization.id, "organization");
  const people = index("people", doc.people);
  const teams = index("teams", doc.teams);
  index("teamMemberships", doc.teamMemberships);
  const cycles = index("cycles", doc.cycles);
  const objectives = index("objectives", doc.objectives);
  const keyResults = index("keyResults", doc.keyResults);
  index("initiatives", doc.initiatives);
  index("objectiveSupports", doc.objectiveSupports);
  index("keyResultDependencies", doc.keyResultDependencies);
  const apiTokens = index("apiTokens", doc.apiTokens);
  const checkIns = index("checkIns", doc.checkIns);
  index("checkInVersions", doc.checkInVersions);
  index("comments", doc.comments);
  index("nudges", doc.nudges);
  index("auditEvents", doc.auditEvents);
  doc.people.forEach((p, i) => {
    if (p.membership) {
      const first = seen.get(p.membership.id);
      if (first) add(`people.${i}.membership.id`, `The id ${p.membership.id} is already used at ${first}`);
      else seen.set(p.membership.id, `people.${i}.membership`);
    }
  });

  const must = (path: string, id: string | null, table: Map<string, unknown>, what: string) => {
    if (id !== null && !table.has(id)) add(path, `Names no ${what} in the file (${id})`);
  };
  const unique = (key: string, rows: readonly unknown[], keyOf: (row: never, i: number) => string, what: string) => {
    const first = new Map<string, number>();
    rows.forEach((row, i) => {
      const k = keyOf(row as never, i);
      const earlier = first.get(k);
      if (earlier === undefined) first.set(k, i);
      else add(`${key}.${i}`, `${what} as ${key}.${earlier}`);
    });
  };

  must("organization.defaultCycleId", doc.organization.defaultCycleId, cycles, "cycle");

  const emails = new Map<string, number>();
  doc.people.forEach((p, i) => {
    if (p.isIntegration) return;
    const earlier = emails.get(p.email);
    if (earlier !== undefined) add(`people.${i}.email`, `The address ${p.email} is also people.${earlier}'s`);
    else emails.set(p.email, i);
  });
  const members = new Set(doc.people.filter((p) => p.membership).map((p) => p.id));

  doc.teams.forEach((t, i) => {
    must(`teams.${i}.parentId`, t.parentId, teams, "team");
    if (t.parentId === t.id) add(`teams.${i}.parentId`, "A team cannot be its own parent");
  });
  for (const id of loopingIds(doc.teams.map((t) => t.id), (id) => teams.get(id)?.parentId ?? null)) {
    add(`teams.${doc.teams.findIndex((t) => t.id === id)}.parentId`, "The team is beneath itself: its parents loop back to it");
  }

  doc.teamMemberships.forEach((m, i) => {
    must(`teamMemberships.${i}.teamId`, m.teamId, teams, "team");
    must(`teamMemberships.${i}.userId`, m.userId, people, "person");
    if (people.has(m.userId) && !members.has(m.userId)) add(`teamMemberships.${i}.userId`, "Only a member of the organisation can be in one of its teams, and this person has no membership");
  });
  unique("teamMemberships", doc.teamMemberships, (m: ExportDocument["teamMemberships"][number]) => `${m.teamId}|${m.userId}`, "The same person is in the same team");

  doc.objectives.forEach((o, i) => {
    must(`objectives.${i}.cycleId`, o.cycleId, cycles, "cycle");
    must(`objectives.${i}.teamId`, o.teamId, teams, "team");
    must(`objectives.${i}.ownerId`, o.ownerId, people, "person");
    must(`objectives.${i}.parentObjectiveId`, o.parentObjectiveId, objectives, "objective");
    must(`objectives.${i}.parentKeyResultId`, o.parentKeyResultId, keyResults, "key result");
    must(`objectives.${i}.carriedFromId`, o.carriedFromId, objectives, "objective");
    if (o.parentObjectiveId && o.parentKeyResultId) add(`objectives.${i}`, "An objective aligns to an objective or to a key result, not both");
  });
  const parentObjective = (id: string) => {
    const o = objectives.get(id);
    if (!o) return null;
    if (o.parentObjectiveId) return o.parentObjectiveId;
    return o.parentKeyResultId ? (keyResults.get(o.parentKeyResultId)?.objectiveId ?? null) : null;
  };
  for (const id of loopingIds(doc.objectives.map((o) => o.id), parentObjective)) {
    add(`objectives.${doc.objectives.findIndex((o) => o.id === id)}`, "The objective's alignment loops back to itself");
  }

  doc.keyResults.forEach((k, i) => {
    must(`keyResults.${i}.cycleId`, k.cycleId, cycles, "cycle");
    must(`keyResults.${i}.objectiveId`, k.objectiveId, objectives, "objective");
    must(`keyResults.${i}.ownerId`, k.ownerId, people, "person");
    const objective = objectives.get(k.objectiveId);
    if (objective && objective.cycleId !== k.cycleId) add(`keyResults.${i}.cycleId`, "A key result is in the cycle of its objective");
  });
  doc.initiatives.forEach((t, i) => {
    must(`initiatives.${i}.keyResultId`, t.keyResultId, keyResults, "key result");
    must(`initiatives.${i}.ownerId`, t.ownerId, people, "person");
  });
  doc.objectiveSupports.forEach((s, i) => {
    must(`objectiveSupports.${i}.objectiveId`, s.objectiveId, objectives, "objective");
    must(`objectiveSupports.${i}.supportsObjectiveId`, s.supportsObjectiveId, objectives, "objective");
    must(`objectiveSupports.${i}.supportsKeyResultId`, s.supportsKeyResultId, keyResults, "key result");
    if ((s.supportsObjectiveId === null) === (s.supportsKeyResultId === null)) add(`objectiveSupports.${i}`, "A support names exactly one objective or key result");
  });
  doc.keyResultDependencies.forEach((d, i) => {
    must(`keyResultDependencies.${i}.keyResultId`, d.keyResultId, keyResults, "key result");
    must(`keyResultDependencies.${i}.dependsOnId`, d.dependsOnId, keyResults, "key result");
  });
  unique("keyResultDependencies", doc.keyResultDependencies, (d: ExportDocument["keyResultDependencies"][number]) => `${d.keyResultId}|${d.dependsOnId}`, "The same key result and the one it depends on");
  doc.apiTokens.forEach((t, i) => {
    must(`apiTokens.${i}.userId`, t.userId, people, "person");
    must(`apiTokens.${i}.createdById`, t.createdById, people, "person");
  });
  doc.checkIns.forEach((c, i) => {
    must(`checkIns.${i}.keyResultId`, c.keyResultId, keyResults, "key result");
    must(`checkIns.${i}.authorId`, c.authorId, people, "person");
    must(`checkIns.${i}.apiTokenId`, c.apiTokenId, apiTokens, "API token");
  });
  unique("checkIns", doc.checkIns, (c: ExportDocument["checkIns"][number]) => `${c.keyResultId}|${c.week}`, "One check-in per key result and week: the same key result and week");
  doc.checkInVersions.forEach((v, i) => {
    must(`checkInVersions.${i}.checkInId`, v.checkInId, checkIns, "check-in");
    must(`checkInVersions.${i}.authorId`, v.authorId, people, "person");
    must(`checkInVersions.${i}.apiTokenId`, v.apiTokenId, apiTokens, "API token");
  });
  unique("checkInVersions", doc.checkInVersions, (v: ExportDocument["checkInVersions"][number]) => `${v.checkInId}|${v.version}`, "The same check-in and version");
  doc.comments.forEach((c, i) => {
    must(`comments.${i}.objectiveId`, c.objectiveId, objectives, "objective");
    must(`comments.${i}.authorId`, c.authorId, people, "person");
  });
  doc.nudges.forEach((n, i) => {
    must(`nudges.${i}.teamId`, n.teamId, teams, "team");
    must(`nudges.${i}.fromUserId`, n.fromUserId, people, "person");
    must(`nudges.${i}.toUserId`, n.toUserId, people, "person");
  });
  unique("nudges", doc.nudges, (n: ExportDocument["nudges"][number]) => `${n.teamId}|${n.toUserId}|${n.week}`, "One nudge per person, team and week: the same as");
  doc.auditEvents.forEach((e, i) => must(`auditEvents.${i}.actorId`, e.actorId, people, "person"));
  return problems;
}

/** Ids whose chain of parents comes back to them. Each id is walked once, so a long chain costs its length. */
export function loopingIds(ids: readonly string[], parentOf: (id: string) => string | null): string[] {
  const state = new Map<string, "walking" | "done">();
  const looping: string[] = [];
  for (const start of ids) {
    const path: string[] = [];
    let current: string | null = start;
    while (current !== null && !state.has(current)) {
      state.set(current, "walking");
      path.push(current);
      current = parentOf(current);
    }
    if (current !== null && state.get(current) === "walking") {
      looping.push(...path.slice(path.indexOf(current)));
    }
    for (const id of path) state.set(id, "done");
  }
  return looping;
}

/** How far below a root each id is (roots are 0), for ids whose parents do not loop. */
export function depths(ids: readonly string[], parentOf: (id: string) => string | null): Map<string, number> {
  const depth = new Map<string, number>();
  for (const start of ids) {
    const path: string[] = [];
    let current: string | null = start;
    while (current !== null && !depth.has(current)) {
      path.push(current);
      current = parentOf(current);
    }
    let d = current === null ? -1 : depth.get(current)!;
    for (let i = path.length - 1; i >= 0; i--) depth.set(path[i]!, ++d);
  }
  return depth;
}
