import { layoutTree, type Layout } from "./layout";
import type { ConfidenceName } from "./payload";
import type { ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";

/**
 * One objective's subtree as the graph view draws it. Plain data, built on the server (lib/tree/graph.ts) and read
 * in the browser; the functions below are pure so the layout can be tested without a DOM.
 */
export interface GraphObjective {
  id: string;
  title: string;
  owner: string;
  team: string | null;
  level: ObjectiveLevel;
  state: ObjectiveState;
  /** Percent, 0-100. */
  progress: number;
  /** The worst confidence among its key results' latest check-ins; null before any check-in. */
  confidence: ConfidenceName | null;
  /** The objective above it inside this graph; null for the root. */
  parentId: string | null;
  /** Set when it is aligned to one of the parent's key results rather than to the parent itself. */
  viaKeyResultId: string | null;
}

export interface GraphKeyResult {
  id: string;
  objectiveId: string;
  title: string;
  progress: number;
}

export interface GraphData {
  rootId: string;
  cycleId: string;
  objectives: GraphObjective[];
  /** Only the key results that something in the graph is aligned to: each becomes a node of its own. */
  keyResults: GraphKeyResult[];
}

export type GraphTreeNode =
  | { kind: "objective"; id: string; parentId: string | null; generation: number; children: string[]; beneath: number; objective: GraphObjective }
  | { kind: "keyResult"; id: string; parentId: string; generation: number; children: string[]; beneath: number; keyResult: GraphKeyResult };

export interface GraphTree {
  rootId: string;
  nodes: Map<string, GraphTreeNode>;
  /** The deepest generation of objectives below the root (0 when the root stands alone). */
  maxGeneration: number;
}

export const keyResultNodeId = (keyResultId: string) => `kr-${keyResultId}`;

/**
 * The graph's nodes and edges: an objective's children are the key-result nodes that carry aligned objectives, then
 * the objectives aligned to it directly; a key-result node's children are the objectives aligned through it. An
 * objective's generation counts objectives only, so "level 2" means two rows of objectives below the root however
 * many key results lie between.
 */
export function buildGraphTree(data: GraphData): GraphTree {
  const nodes = new Map<string, GraphTreeNode>();
  for (const o of data.objectives) {
    nodes.set(o.id, { kind: "objective", id: o.id, parentId: null, generation: 0, children: [], beneath: 0, objective: o });
  }
  for (const k of data.keyResults) {
    if (!nodes.has(k.objectiveId)) continue;
    nodes.set(keyResultNodeId(k.id), { kind: "keyResult", id: keyResultNodeId(k.id), parentId: k.objectiveId, generation: 0, children: [], beneath: 0, keyResult: k });
  }
  const direct = new Map<string, string[]>();
  for (const k of data.keyResults) nodes.get(k.objectiveId)?.children.push(keyResultNodeId(k.id));
  for (const o of data.objectives) {
    if (o.id === data.rootId || !o.parentId || !nodes.has(o.parentId)) continue;
    const kr = o.viaKeyResultId ? nodes.get(keyResultNodeId(o.viaKeyResultId)) : undefined;
    if (kr && kr.parentId === o.parentId) {
      kr.children.push(o.id);
      nodes.get(o.id)!.parentId = kr.id;
    } else {
      direct.set(o.parentId, [...(direct.get(o.parentId) ?? []), o.id]);
      nodes.get(o.id)!.parentId = o.parentId;
    }
  }
  for (const [parent, kids] of direct) nodes.get(parent)!.children.push(...kids);

  // Generations from the root, iteratively; anything unreachable (a loop in damaged data) is left out.
  const reached = new Set<string>([data.rootId]);
  const order: string[] = [];
  const stack = nodes.has(data.rootId) ? [data.rootId] : [];
  let maxGeneration = 0;
  while (stack.length) {
    const id = stack.pop()!;
    order.push(id);
    const node = nodes.get(id)!;
    for (const childId of node.children) {
      if (reached.has(childId)) continue;
      reached.add(childId);
      const child = nodes.get(childId)!;
      child.generation = child.kind === "objective" ? node.generation + 1 : node.generation;
      maxGeneration = Math.max(maxGeneration, child.generation);
      stack.push(childId);
    }
  }
  for (const id of [...nodes.keys()]) if (!reached.has(id)) nodes.delete(id);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = nodes.get(order[i]!)!;
    node.beneath = node.children.reduce((sum, c) => sum + nodes.get(c)!.beneath + (nodes.get(c)!.kind === "objective" ? 1 : 0), 0);
  }
  return { rootId: data.rootId, nodes, maxGeneration };
}

export interface VisibleNode {
  id: string;
  parentId: string | null;
  /** Whether its children are on screen; false for nodes without children. */
  isExpanded: boolean;
}

/**
 * The nodes on screen, parents before children: every objective above generation `level` is expanded, and
 * `overrides` (an objective's own expand or collapse toggle) wins over the level. A key-result node shows with its
 * objective's children and always shows its own.
 */
export function visibleGraph(tree: GraphTree, level: number, overrides: ReadonlyMap<string, boolean> = new Map()): VisibleNode[] {
  const visible: VisibleNode[] = [];
  if (!tree.nodes.has(tree.rootId)) return visible;
  const stack = [tree.rootId];
  while (stack.length) {
    const node = tree.nodes.get(stack.pop()!)!;
    const hasChildren = node.children.length > 0;
    const isExpanded = hasChildren && (node.kind === "keyResult" || (overrides.get(node.id) ?? node.generation < level));
    visible.push({ id: node.id, parentId: node.parentId, isExpanded });
    if (isExpanded) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return visible;
}

/** The graph's type sizes, in CSS pixels at zoom 1: the layout estimates from them and fitting respects the smallest. */
export const GRAPH_TEXT = { title: 20, body: 16, smallest: 16, titleLine: 28, bodyLine: 24 } as const;
export const CARD_WIDTH = 320;
export const KEY_RESULT_WIDTH = 260;
/** The smallest on-screen text we accept on a wall screen; fitting never zooms out further than this allows. */
export const MIN_READABLE_PX = 12;
export const MIN_READABLE_ZOOM = MIN_READABLE_PX / GRAPH_TEXT.smallest;

// Average glyph width as a share of the font size, on the generous side so an estimate overshoots rather than overlaps.
const GLYPH = 0.56;

function estimateLines(text: string, fontSize: number, width: number): number {
  const perLine = Math.max(1, Math.floor(width / (fontSize * GLYPH)));
  let lines = 0;
  let current = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const length = word.length;
    if (current === 0) {
      lines++;
      current = length;
    } else if (current + 1 + length <= perLine) {
      current += 1 + length;
    } else {
      lines++;
      current = length;
    }
    while (current > perLine) {
      lines++;
      current -= perLine;
    }
  }
  return Math.max(1, lines);
}

/**
 * A node's size before the browser has measured it (titles wrap, so heights vary). The view replaces these with the
 * measured sizes as soon as it has them; the estimate matters for the first frame and for choosing a level to show.
 */
export function estimateNodeSize(node: GraphTreeNode): { width: number; height: number } {
  if (node.kind === "keyResult") {
    const lines = estimateLines(node.keyResult.title, GRAPH_TEXT.body, KEY_RESULT_WIDTH - 24);
    return { width: KEY_RESULT_WIDTH, height: 24 + GRAPH_TEXT.bodyLine * (lines + 2) };
  }
  const lines = estimateLines(node.objective.title, GRAPH_TEXT.title, CARD_WIDTH - 32);
  return { width: CARD_WIDTH, height: 32 + GRAPH_TEXT.titleLine * lines + GRAPH_TEXT.bodyLine * 3 + 16 + (node.children.length ? 36 : 0) };
}

export const GRAPH_GAPS = { gapX: 32, gapY: 56 } as const;
/** Fitting a small graph never blows it up beyond this. */
export const MAX_FIT_ZOOM = 1.5;
const FIT_PADDING = 24;

/** Lays out what is on screen, with measured sizes where the browser has given them and estimates elsewhere. */
export function layoutVisible(tree: GraphTree, visible: VisibleNode[], measured: ReadonlyMap<string, { width: number; height: number }> = new Map()): Layout {
  return layoutTree(
    visible.map((v) => ({ id: v.id, parentId: v.parentId, ...(measured.get(v.id) ?? estimateNodeSize(tree.nodes.get(v.id)!)) })),
    GRAPH_GAPS,
  );
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * "Fit to screen" that keeps text readable: the zoom that shows the whole drawing, but never below
 * MIN_READABLE_ZOOM. When the drawing is still too big at that zoom, the top row stays on screen (centred on the
 * root across, when it is too wide), so the reader starts where the graph starts.
 */
export function fitToScreen(layout: Pick<Layout, "width" | "height">, root: { x: number; width: number }, screen: { width: number; height: number }): Viewport {
  const room = { width: Math.max(1, screen.width - 2 * FIT_PADDING), height: Math.max(1, screen.height - 2 * FIT_PADDING) };
  const zoom = Math.min(MAX_FIT_ZOOM, Math.max(MIN_READABLE_ZOOM, Math.min(room.width / Math.max(1, layout.width), room.height / Math.max(1, layout.height))));
  const drawn = { width: layout.width * zoom, height: layout.height * zoom };
  const x =
    drawn.width <= room.width
      ? (screen.width - drawn.width) / 2
      : Math.min(FIT_PADDING, Math.max(screen.width - FIT_PADDING - drawn.width, screen.width / 2 - (root.x + root.width / 2) * zoom));
  const y = drawn.height <= room.height ? (screen.height - drawn.height) / 2 : FIT_PADDING;
  return { x, y, zoom };
}

/**
 * The level to open at when the address names none: the deepest that fits the screen at a readable zoom, but at
 * least the first row below the root, so a large graph opens collapsed rather than shrunk to unreadable text.
 */
export function chooseLevel(tree: GraphTree, screen: { width: number; height: number }): number {
  for (let level = tree.maxGeneration; level > 1; level--) {
    const { width, height } = layoutVisible(tree, visibleGraph(tree, level));
    if (width * MIN_READABLE_ZOOM <= screen.width - 2 * FIT_PADDING && height * MIN_READABLE_ZOOM <= screen.height - 2 * FIT_PADDING) return level;
  }
  return Math.min(1, tree.maxGeneration);
}
