/**
 * The maths of dependencies, on plain edges so it is easy to test: whether a new edge would close a loop, and what a
 * key result in trouble puts at risk ("blast radius"): every key result that depends on it, directly or through
 * others, their objectives, and every objective those are aligned beneath, up to the top.
 */

export interface DependencyEdge {
  /** The key result that depends… */
  keyResultId: string;
  /** …on this one. */
  dependsOnId: string;
}

/** Whether "keyResultId depends on dependsOnId" would make a loop: dependsOnId already depends on keyResultId, through any chain. */
export function wouldLoop(edges: readonly DependencyEdge[], keyResultId: string, dependsOnId: string): boolean {
  if (keyResultId === dependsOnId) return true;
  const dependsOn = new Map<string, string[]>();
  for (const e of edges) dependsOn.set(e.keyResultId, [...(dependsOn.get(e.keyResultId) ?? []), e.dependsOnId]);
  const seen = new Set<string>();
  const stack = [dependsOnId];
  while (stack.length) {
    const kr = stack.pop()!;
    if (kr === keyResultId) return true;
    if (seen.has(kr)) continue;
    seen.add(kr);
    stack.push(...(dependsOn.get(kr) ?? []));
  }
  return false;
}

export interface BlastRadius {
  /** Key results that depend on the one in trouble, nearest first; never the one itself. */
  keyResultIds: string[];
  /** Their objectives and every objective above them, each once. */
  objectiveIds: string[];
}

/**
 * Everything downstream of a key result in trouble. `objectiveOf` names a key result's objective; `parentOf` an
 * objective's parent (the objective above it, directly or through a key result), or null at the top.
 */
export function blastRadius(
  edges: readonly DependencyEdge[],
  start: string,
  objectiveOf: (keyResultId: string) => string | undefined,
  parentOf: (objectiveId: string) => string | null | undefined,
): BlastRadius {
  const dependents = new Map<string, string[]>();
  for (const e of edges) dependents.set(e.dependsOnId, [...(dependents.get(e.dependsOnId) ?? []), e.keyResultId]);
  const keyResultIds: string[] = [];
  const seen = new Set([start]);
  const queue = [...(dependents.get(start) ?? [])];
  while (queue.length) {
    const kr = queue.shift()!;
    if (seen.has(kr)) continue;
    seen.add(kr);
    keyResultIds.push(kr);
    queue.push(...(dependents.get(kr) ?? []));
  }
  const objectiveIds: string[] = [];
  const objectives = new Set<string>();
  for (const kr of keyResultIds) {
    let objective = objectiveOf(kr) ?? null;
    while (objective && !objectives.has(objective)) {
      objectives.add(objective);
      objectiveIds.push(objective);
      objective = parentOf(objective) ?? null;
    }
  }
  return { keyResultIds, objectiveIds };
}
