/**
 * Alignment is a forest: each objective points up to at most one parent, either an objective or a key result
 * (which belongs to an objective). These pure functions answer the two questions the rest of Keel asks of it.
 */

export interface AlignmentLink {
  id: string;
  parentObjectiveId: string | null;
  /** The objective that owns the key result this one is aligned to, when aligned to a key result. */
  parentKeyResultObjectiveId: string | null;
}

/** The objective directly above, whichever way the alignment is expressed. */
export function parentOf(link: Pick<AlignmentLink, "parentObjectiveId" | "parentKeyResultObjectiveId">): string | null {
  return link.parentObjectiveId ?? link.parentKeyResultObjectiveId ?? null;
}

/**
 * Whether aligning `objectiveId` beneath `proposedParentObjectiveId` would close a loop: true when the objective is
 * the proposed parent itself or one of its ancestors. `ancestors` holds the proposed parent's chain upwards.
 */
export function wouldCreateCycle(objectiveId: string, proposedParentObjectiveId: string, ancestors: ReadonlyMap<string, AlignmentLink>): boolean {
  const seen = new Set<string>();
  let current: string | null = proposedParentObjectiveId;
  while (current) {
    if (current === objectiveId) return true;
    if (seen.has(current)) return true;
    seen.add(current);
    const link = ancestors.get(current);
    current = link ? parentOf(link) : null;
  }
  return false;
}

export interface ChainNode {
  objectiveId: string;
  /** Set when the step up goes through one of this objective's key results. */
  viaKeyResultId: string | null;
}

/**
 * The "why chain": from an objective up to the top objective it serves, nearest first. Each step records the key
 * result it goes through when the alignment is to a key result. Stops at a loop or a missing link rather than
 * looping, so a damaged row can never hang a page.
 */
export function whyChain(
  objectiveId: string,
  links: ReadonlyMap<string, AlignmentLink & { parentKeyResultId: string | null }>,
): ChainNode[] {
  const chain: ChainNode[] = [];
  const seen = new Set<string>([objectiveId]);
  let link = links.get(objectiveId);
  while (link) {
    const parent = parentOf(link);
    if (!parent || seen.has(parent)) break;
    chain.push({ objectiveId: parent, viaKeyResultId: link.parentObjectiveId ? null : link.parentKeyResultId });
    seen.add(parent);
    link = links.get(parent);
  }
  return chain;
}
