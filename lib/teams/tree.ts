/** Pure team-tree logic, shared by the queries, the pages and the move check. No database access here. */

export interface TeamTreeRow {
  id: string;
  parentId: string | null;
  name: string;
}

export type TeamTreeNode<T extends TeamTreeRow> = T & { depth: number; children: TeamTreeNode<T>[] };

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Siblings read alphabetically, "Team 2" before "Team 10"; the id breaks ties so the order never flickers. */
export function compareTeams(a: TeamTreeRow, b: TeamTreeRow): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Nests flat rows into a tree in O(n log n). A team whose parent is not among the rows (archived and filtered
 * out, or gone) becomes a top-level node, so nothing silently disappears from the page. Rows that form a loop
 * (which the move check prevents, but a hand-edited database could hold) are broken open at the loop's first
 * team by name rather than dropped or walked forever.
 */
export function buildTeamTree<T extends TeamTreeRow>(rows: readonly T[]): TeamTreeNode<T>[] {
  const nodes = new Map<string, TeamTreeNode<T>>();
  for (const row of rows) nodes.set(row.id, { ...row, depth: 0, children: [] });

  const roots: TeamTreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }

  const visited = new Set<string>();
  const walk = (root: TeamTreeNode<T>) => {
    const stack: TeamTreeNode<T>[] = [root];
    root.depth = 0;
    while (stack.length) {
      const node = stack.pop()!;
      visited.add(node.id);
      node.children.sort(compareTeams);
      for (const child of node.children) {
        child.depth = node.depth + 1;
        stack.push(child);
      }
    }
  };

  roots.sort(compareTeams);
  for (const root of roots) walk(root);

  if (visited.size < nodes.size) {
    const parentNode = (node: TeamTreeNode<T>) => nodes.get(node.parentId ?? "");
    for (const start of [...nodes.values()].sort(compareTeams)) {
      if (visited.has(start.id)) continue;
      // Everything not reached hangs below a loop; climbing the parents from here must come back round to it.
      const climbed = new Set<string>();
      let onLoop: TeamTreeNode<T> | undefined = start;
      while (onLoop && !climbed.has(onLoop.id)) {
        climbed.add(onLoop.id);
        onLoop = parentNode(onLoop);
      }
      if (!onLoop) continue;
      const loop = [onLoop];
      for (let n = parentNode(onLoop); n && n !== onLoop; n = parentNode(n)) loop.push(n);
      const head = loop.sort(compareTeams)[0]!;
      const parent = parentNode(head);
      if (parent) parent.children = parent.children.filter((c) => c !== head);
      roots.push(head);
      walk(head);
    }
    roots.sort(compareTeams);
  }
  return roots;
}

/** The tree in reading order (each team before its sub-teams), for selects and flat lists. */
export function flattenTeamTree<T extends TeamTreeRow>(roots: readonly TeamTreeNode<T>[]): TeamTreeNode<T>[] {
  const out: TeamTreeNode<T>[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** The team and every team beneath it: the parents a move form must not offer. */
export function subtreeIds(rows: readonly TeamTreeRow[], teamId: string): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.parentId) continue;
    const list = childrenOf.get(row.parentId);
    if (list) list.push(row.id);
    else childrenOf.set(row.parentId, [row.id]);
  }
  const out = new Set<string>([teamId]);
  const stack = [teamId];
  while (stack.length) {
    for (const child of childrenOf.get(stack.pop()!) ?? []) {
      if (out.has(child)) continue;
      out.add(child);
      stack.push(child);
    }
  }
  return out;
}

/**
 * Whether putting `teamId` under `newParentId` would make a loop: true when the new parent is the team itself or
 * sits beneath it. `parentOf` needs the new parent's ancestors at least; an existing loop counts as a loop.
 */
export function wouldCreateCycle(parentOf: ReadonlyMap<string, string | null>, teamId: string, newParentId: string | null): boolean {
  const seen = new Set<string>();
  let current = newParentId;
  while (current) {
    if (current === teamId) return true;
    if (seen.has(current)) return true;
    seen.add(current);
    current = parentOf.get(current) ?? null;
  }
  return false;
}
