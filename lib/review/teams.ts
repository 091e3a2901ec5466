/**
 * The review's view of the team tree, from the one read of the organisation's teams it makes: the team picker's labels,
 * the subtree a chosen team covers, and the tree order of the roll-up table. Pure, so the page needs no second read.
 */

export interface ReviewTeam {
  id: string;
  name: string;
  parentId: string | null;
  archivedAt: Date | null;
}

/** The teams to look at: the chosen team and everything beneath it, or all of them. */
export function subtree(teams: readonly { id: string; parentId: string | null }[], root: string | null): string[] | null {
  if (!root) return null;
  const children = new Map<string, string[]>();
  for (const t of teams) if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The team picker: every team that is not archived, labelled with its path ("Sales › EMEA"), by label (as lib/objectives `listTeamOptions`). */
export function teamOptions(teams: readonly ReviewTeam[]): { id: string; label: string }[] {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const label = (id: string) => {
    const parts: string[] = [];
    const seen = new Set<string>();
    for (let t = byId.get(id); t && !seen.has(t.id); t = t.parentId ? byId.get(t.parentId) : undefined) {
      seen.add(t.id);
      parts.unshift(t.name);
    }
    return parts.join(" › ");
  };
  return teams
    .filter((t) => !t.archivedAt)
    .map((t) => ({ id: t.id, label: label(t.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Teams in tree order (parents before children, siblings in the order given), limited to a subtree when one is chosen. */
export function orderTeams<T extends ReviewTeam>(teams: readonly T[], scope: ReadonlySet<string> | null): { team: T; depth: number }[] {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string | null, T[]>();
  for (const t of teams) {
    const key = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(key, [...(children.get(key) ?? []), t]);
  }
  const out: { team: T; depth: number }[] = [];
  const stack: { team: T; depth: number }[] = [...(children.get(null) ?? [])].reverse().map((team) => ({ team, depth: 0 }));
  while (stack.length) {
    const next = stack.pop()!;
    if (!scope || scope.has(next.team.id)) out.push(next);
    for (const child of [...(children.get(next.team.id) ?? [])].reverse()) stack.push({ team: child, depth: next.depth + 1 });
  }
  if (scope) {
    const minDepth = Math.min(...out.map((o) => o.depth));
    return out.map((o) => ({ ...o, depth: o.depth - minDepth }));
  }
  return out;
}
