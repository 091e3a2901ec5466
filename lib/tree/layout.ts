/**
 * A tidy top-down layout for the graph view: leaves side by side in order, each parent centred over its children,
 * each depth on its own row (as tall as its tallest box). Iterative, so a deep subtree cannot overflow the stack.
 */
export interface LayoutInput {
  id: string;
  parentId: string | null;
  width: number;
  height: number;
}

export interface Placed {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
}

export interface Layout {
  nodes: Map<string, Placed>;
  width: number;
  height: number;
}

export function layoutTree(input: LayoutInput[], options: { gapX?: number; gapY?: number } = {}): Layout {
  const gapX = options.gapX ?? 24;
  const gapY = options.gapY ?? 56;
  const byId = new Map(input.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of input) {
    if (n.parentId && byId.has(n.parentId) && n.parentId !== n.id) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
    else roots.push(n.id);
  }

  // Depths and the post-order, from every root.
  const depth = new Map<string, number>();
  const order: string[] = [];
  for (const root of roots) {
    const stack: [string, number][] = [[root, 0]];
    while (stack.length) {
      const [id, d] = stack.pop()!;
      if (depth.has(id)) continue;
      depth.set(id, d);
      order.push(id);
      const kids = children.get(id) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, d + 1]);
    }
  }

  const rowHeight = new Map<number, number>();
  for (const [id, d] of depth) rowHeight.set(d, Math.max(rowHeight.get(d) ?? 0, byId.get(id)!.height));
  const rowTop = new Map<number, number>();
  let top = 0;
  for (let d = 0; rowHeight.has(d); d++) {
    rowTop.set(d, top);
    top += rowHeight.get(d)! + gapY;
  }

  // Leaves take the next free slot in pre-order; then each parent is centred over its children, bottom-up.
  const x = new Map<string, number>();
  let nextLeft = 0;
  for (const id of order) {
    if ((children.get(id) ?? []).some((k) => depth.get(k) === depth.get(id)! + 1)) continue;
    x.set(id, nextLeft);
    nextLeft += byId.get(id)!.width + gapX;
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    if (x.has(id)) continue;
    const kids = (children.get(id) ?? []).filter((k) => x.has(k));
    const first = x.get(kids[0]!)!;
    const lastKid = kids[kids.length - 1]!;
    x.set(id, (first + x.get(lastKid)! + byId.get(lastKid)!.width) / 2 - byId.get(id)!.width / 2);
  }

  const nodes = new Map<string, Placed>();
  let width = 0;
  let minX = 0;
  for (const id of order) minX = Math.min(minX, x.get(id)!);
  for (const id of order) {
    const n = byId.get(id)!;
    const placed = { id, x: x.get(id)! - minX, y: rowTop.get(depth.get(id)!)!, width: n.width, height: n.height, depth: depth.get(id)! };
    nodes.set(id, placed);
    width = Math.max(width, placed.x + placed.width);
  }
  return { nodes, width, height: Math.max(0, top - gapY) };
}
