import type { TreePayload } from "./payload";

/**
 * The alignment tree, built once from the payload. Nodes are numbered: objective i is node i, key result j is
 * node (objectiveCount + j). An objective's children are its key results, then the objectives aligned directly to
 * it; a key result's children are the objectives aligned to it. Pure and allocation-light: it runs in the browser
 * on 80,000 nodes.
 */
export interface TreeModel {
  payload: TreePayload;
  objectiveCount: number;
  nodeCount: number;
  children: number[][];
  /** The node above each node, -1 for roots. */
  parentNode: Int32Array;
  /** Company objectives and anything else heading a branch. */
  roots: number[];
  /** Team and personal objectives aligned to nothing: listed apart so they are noticed. */
  unaligned: number[];
  /** Objectives that sit in a loop of alignments (damaged data): never reachable from a root, shown apart. */
  detached: number[];
  /** Depth from the nearest root (0 for roots). */
  depth: Int32Array;
}

export const isKeyResultNode = (model: TreeModel, node: number) => node >= model.objectiveCount;
export const keyResultIndex = (model: TreeModel, node: number) => node - model.objectiveCount;

export function buildTree(payload: TreePayload): TreeModel {
  const o = payload.objectives;
  const k = payload.keyResults;
  const objectiveCount = o.id.length;
  const nodeCount = objectiveCount + k.objective.length;
  const children: number[][] = Array.from({ length: nodeCount }, () => []);
  const parentNode = new Int32Array(nodeCount).fill(-1);

  for (let j = 0; j < k.objective.length; j++) {
    const owner = k.objective[j]!;
    if (owner < 0 || owner >= objectiveCount) continue;
    children[owner]!.push(objectiveCount + j);
    parentNode[objectiveCount + j] = owner;
  }
  const roots: number[] = [];
  const unaligned: number[] = [];
  for (let i = 0; i < objectiveCount; i++) {
    const kr = o.parentKr[i]!;
    const parent = kr >= 0 && kr < k.objective.length ? objectiveCount + kr : o.parent[i]! >= 0 && o.parent[i]! < objectiveCount ? o.parent[i]! : -1;
    if (parent >= 0 && parent !== i) {
      children[parent]!.push(i);
      parentNode[i] = parent;
    } else if (o.level[i] === 0) {
      roots.push(i);
    } else {
      unaligned.push(i);
    }
  }

  const depth = new Int32Array(nodeCount).fill(-1);
  const stack: number[] = [];
  for (const start of [...roots, ...unaligned]) {
    depth[start] = 0;
    stack.push(start);
    while (stack.length) {
      const node = stack.pop()!;
      for (const child of children[node]!) {
        if (depth[child] !== -1) continue;
        depth[child] = depth[node]! + 1;
        stack.push(child);
      }
    }
  }
  const detached: number[] = [];
  for (let i = 0; i < objectiveCount; i++) {
    if (depth[i] === -1) detached.push(i);
  }
  // Give loop members a depth too, breaking each loop at the member listed first.
  for (const start of detached) {
    if (depth[start] !== -1) continue;
    depth[start] = 0;
    stack.push(start);
    while (stack.length) {
      const node = stack.pop()!;
      for (const child of children[node]!) {
        if (depth[child] !== -1) continue;
        depth[child] = depth[node]! + 1;
        stack.push(child);
      }
    }
  }
  return { payload, objectiveCount, nodeCount, children, parentNode, roots, unaligned, detached, depth };
}

export type Row =
  | { kind: "header"; key: string; label: string; count: number }
  | { kind: "node"; key: string; node: number; level: number; hasChildren: boolean; isExpanded: boolean; posInSet: number; setSize: number; isContext: boolean };

export interface Visibility {
  /** 1 for nodes to show; null shows everything. */
  visible: Uint8Array | null;
  /** 1 for nodes that matched the filters themselves (others are shown as context). */
  matched: Uint8Array | null;
}

/**
 * The rows on screen, in order: the aligned tree, then the unaligned and detached objectives, each under a header.
 * Only expanded nodes contribute their children, so collapsing a branch costs nothing.
 */
export function visibleRows(model: TreeModel, expanded: ReadonlySet<number>, visibility: Visibility = { visible: null, matched: null }): Row[] {
  const rows: Row[] = [];
  const seen = new Uint8Array(model.nodeCount);
  const { visible, matched } = visibility;
  const show = (node: number) => !visible || visible[node] === 1;

  const walk = (siblings: number[], level: number) => {
    const shown = siblings.filter(show);
    // Explicit stack: deep alignments must not exhaust the call stack.
    const stack: { list: number[]; index: number; level: number }[] = [{ list: shown, index: 0, level }];
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      if (frame.index >= frame.list.length) {
        stack.pop();
        continue;
      }
      const node = frame.list[frame.index++]!;
      if (seen[node]) continue;
      seen[node] = 1;
      const kids = model.children[node]!.filter(show);
      const isExpanded = expanded.has(node) && kids.length > 0;
      rows.push({
        kind: "node",
        key: `n${node}`,
        node,
        level: frame.level,
        hasChildren: kids.length > 0,
        isExpanded,
        posInSet: frame.index,
        setSize: frame.list.length,
        isContext: Boolean(matched && matched[node] !== 1),
      });
      if (isExpanded) stack.push({ list: kids, index: 0, level: frame.level + 1 });
    }
  };

  walk(model.roots, 1);
  const apart: [string, string, number[]][] = [
    ["unaligned", "Not aligned to anything", model.unaligned],
    ["detached", "Caught in an alignment loop", model.detached],
  ];
  for (const [key, label, list] of apart) {
    const shown = list.filter(show);
    if (!shown.length) continue;
    rows.push({ kind: "header", key: `h-${key}`, label, count: shown.length });
    walk(shown, 1);
  }
  return rows;
}

/** Expands every node with children down to `maxDepth` (0 collapses all; Infinity expands all). */
export function expandToDepth(model: TreeModel, maxDepth: number): Set<number> {
  const expanded = new Set<number>();
  for (let node = 0; node < model.nodeCount; node++) {
    if (model.children[node]!.length && model.depth[node]! < maxDepth) expanded.add(node);
  }
  return expanded;
}

export interface TreeFilters {
  q?: string;
  /** Team index; its sub-teams count too. */
  team?: number;
  owner?: number;
  /** State index (see STATES). */
  state?: number;
  /** Confidence index: objectives with at least one key result at it. */
  confidence?: number;
}

export function hasFilters(filters: TreeFilters): boolean {
  return Boolean(filters.q?.trim()) || filters.team !== undefined || filters.owner !== undefined || filters.state !== undefined || filters.confidence !== undefined;
}

/** Teams beneath a team, itself included. */
export function teamAndDescendants(payload: TreePayload, team: number): Set<number> {
  const result = new Set<number>([team]);
  let grew = true;
  while (grew) {
    grew = false;
    for (let t = 0; t < payload.teams.parent.length; t++) {
      if (!result.has(t) && result.has(payload.teams.parent[t]!)) {
        result.add(t);
        grew = true;
      }
    }
  }
  return result;
}

/**
 * Which nodes to show for the filters: the matching objectives with their key results, and every node on the way
 * up to their roots as context. Also returns the nodes to expand so each match is on screen.
 */
export function applyFilters(model: TreeModel, filters: TreeFilters): { visible: Uint8Array; matched: Uint8Array; pathToMatches: Set<number>; matchCount: number } {
  const { payload } = model;
  const o = payload.objectives;
  const k = payload.keyResults;
  const visible = new Uint8Array(model.nodeCount);
  const matched = new Uint8Array(model.nodeCount);
  const pathToMatches = new Set<number>();
  const q = filters.q?.trim().toLowerCase() ?? "";
  const teams = filters.team !== undefined ? teamAndDescendants(payload, filters.team) : null;

  const krMatchesText = new Uint8Array(model.objectiveCount);
  const hasConfidence = new Uint8Array(model.objectiveCount);
  for (let j = 0; j < k.objective.length; j++) {
    const owner = k.objective[j]!;
    if (q && k.title[j]!.toLowerCase().includes(q)) krMatchesText[owner] = 1;
    if (filters.confidence !== undefined && k.confidence[j] === filters.confidence) hasConfidence[owner] = 1;
  }

  let matchCount = 0;
  for (let i = 0; i < model.objectiveCount; i++) {
    if (q && !o.title[i]!.toLowerCase().includes(q) && !krMatchesText[i]) continue;
    if (teams && !teams.has(o.team[i]!)) continue;
    if (filters.owner !== undefined && o.owner[i] !== filters.owner) continue;
    if (filters.state !== undefined && o.state[i] !== filters.state) continue;
    if (filters.confidence !== undefined && !hasConfidence[i]) continue;
    matchCount++;
    matched[i] = 1;
    visible[i] = 1;
    for (const child of model.children[i]!) if (child >= model.objectiveCount) visible[child] = 1;
    for (let up = model.parentNode[i]!, guard = 0; up >= 0 && guard < 1000; up = model.parentNode[up]!, guard++) {
      visible[up] = 1;
      pathToMatches.add(up);
    }
  }
  return { visible, matched, pathToMatches, matchCount };
}

export interface ChainStep {
  objective: number;
  /** The key result the step goes through, as a key-result index, or -1. */
  viaKeyResult: number;
}

/** The why chain of an objective: the objectives above it, nearest first, noting key results passed through. */
export function whyChainOf(model: TreeModel, objective: number): ChainStep[] {
  const chain: ChainStep[] = [];
  const seen = new Set<number>([objective]);
  let node = model.parentNode[objective]!;
  let via = -1;
  while (node >= 0 && !seen.has(node)) {
    seen.add(node);
    if (isKeyResultNode(model, node)) {
      via = keyResultIndex(model, node);
    } else {
      chain.push({ objective: node, viaKeyResult: via });
      via = -1;
    }
    node = model.parentNode[node]!;
  }
  return chain;
}

/** The objectives in a node's subtree (itself excluded): what is aligned beneath it, directly or not. */
export function countBeneath(model: TreeModel, node: number): number {
  let count = 0;
  const stack = [...model.children[node]!];
  const seen = new Set<number>();
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (next < model.objectiveCount) count++;
    stack.push(...model.children[next]!);
  }
  return count;
}
