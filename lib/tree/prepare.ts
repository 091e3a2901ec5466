import { objectiveWarnings, type FocusMarks } from "./focus";
import { buildTree, expandToDepth, isKeyResultNode, type TreeModel } from "./model";
import type { TreePayload } from "./payload";

/**
 * Everything the tree page derives from the payload before it can draw: the model, each objective's worst
 * confidence, the focus warnings and each node's objective level. Built in a Web Worker (components/tree/tree.worker.ts)
 * so parsing and building 80,000 nodes never holds the page's main thread; the same function runs on the main thread
 * where workers are unavailable, so both paths draw the same tree.
 */
export interface PreparedTree {
  model: TreeModel;
  worst: Int8Array;
  marks: FocusMarks;
  levels: Int32Array;
}

export function prepareTree(payload: TreePayload): PreparedTree {
  const model = buildTree(payload);
  return { model, worst: worstConfidence(payload), marks: objectiveWarnings(payload), levels: objectiveLevels(model) };
}

/** The payload as the server sent it (UTF-8 JSON), parsed and prepared. */
export function parseAndPrepare(bytes: ArrayBuffer): PreparedTree {
  return prepareTree(JSON.parse(new TextDecoder().decode(bytes)) as TreePayload);
}

/** The typed arrays a worker can hand over without copying them. */
export function transferablesOf(prepared: PreparedTree): ArrayBuffer[] {
  return [prepared.model.parentNode, prepared.model.depth, prepared.worst, prepared.levels].map((a) => a.buffer as ArrayBuffer);
}

/** The worst confidence among each objective's key results (-1 when none has a check-in). */
export function worstConfidence(payload: TreePayload): Int8Array {
  const worst = new Int8Array(payload.objectives.id.length).fill(-1);
  const k = payload.keyResults;
  for (let j = 0; j < k.objective.length; j++) {
    const o = k.objective[j]!;
    if (k.confidence[j]! > worst[o]!) worst[o] = k.confidence[j]!;
  }
  return worst;
}

/** "Expand all": 10, the most the page's address takes. */
export const ALL_LEVELS = 10;

/**
 * Each node's objective level: 1 for the objectives heading a branch, one more for each objective below; a key
 * result shares its objective's level. Levels count objectives only, so "2 levels" shows the team objectives
 * whether they are aligned to a company objective or to one of its key results.
 */
export function objectiveLevels(model: TreeModel): Int32Array {
  const levels = new Int32Array(model.nodeCount).fill(-1);
  const path: number[] = [];
  for (let start = 0; start < model.nodeCount; start++) {
    // Walks up to the first node with a known level, then numbers the path back down: no recursion, so a deep
    // alignment cannot exhaust the stack. Nodes are marked on the way up, so a loop of alignments (damaged data)
    // ends the walk.
    let node = start;
    while (node >= 0 && levels[node] === -1) {
      levels[node] = 0;
      path.push(node);
      node = model.parentNode[node]!;
    }
    let above = node < 0 ? 0 : levels[node]!;
    while (path.length) {
      const next = path.pop()!;
      const level = isKeyResultNode(model, next) ? above : above + 1;
      levels[next] = level;
      above = level;
    }
  }
  return levels;
}

/** Opens every branch whose children are within `level` objective levels; 0 closes all, 10 or more opens all. */
export function expandToLevel(model: TreeModel, levels: Int32Array, level: number): Set<number> {
  if (level >= ALL_LEVELS) return expandToDepth(model, Infinity);
  const expanded = new Set<number>();
  for (let node = 0; node < model.nodeCount; node++) {
    if (model.children[node]!.length && levels[node]! < level) expanded.add(node);
  }
  return expanded;
}
