import { hierarchy, tree, type HierarchyNode } from "d3-hierarchy";

/**
 * The graph view's top-down layout: d3-hierarchy's tidy tree (Reingold-Tilford as Buchheim et al. made it linear)
 * places the columns, with the gap between neighbours taken from their own widths so boxes of different widths never
 * touch; each depth gets its own row, as tall as its tallest box. Positions only: no DOM, no measuring.
 */
export interface LayoutInput {
  id: string;
  parentId: string | null;
  width: number;
  height: number;
}

export interface Placed {
  id: string;
  /** Top-left corner, with the drawing starting at 0,0. */
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
}

export interface Layout {
  nodes: Map<string, Placed>;
  /** Ids parents first, siblings left to right: a natural reading (and Tab) order. */
  order: string[];
  width: number;
  height: number;
}

interface Item {
  input: LayoutInput | null;
  children: Item[];
}

export function layoutTree(input: LayoutInput[], options: { gapX?: number; gapY?: number } = {}): Layout {
  const gapX = options.gapX ?? 24;
  const gapY = options.gapY ?? 56;
  const items = new Map<string, Item>();
  for (const n of input) if (!items.has(n.id)) items.set(n.id, { input: n, children: [] });

  // Attach each box to its parent, but never into a loop: a box whose parent chain comes back to itself, or leads
  // outside the input, starts a branch of its own under an invisible common root.
  const attached = new Set<string>();
  const roots: Item[] = [];
  const isAncestor = (candidate: string, of: string) => {
    for (let up: string | null = candidate, guard = 0; up && guard <= items.size; guard++) {
      if (up === of) return true;
      up = attached.has(up) ? items.get(up)!.input!.parentId : null;
    }
    return false;
  };
  for (const [id, item] of items) {
    const parentId = item.input!.parentId;
    const parent = parentId ? items.get(parentId) : undefined;
    if (parent && parentId !== id && !isAncestor(parentId!, id)) {
      parent.children.push(item);
      attached.add(id);
    } else {
      roots.push(item);
    }
  }

  const top: Item = roots.length === 1 ? roots[0]! : { input: null, children: roots };
  const root = hierarchy(top, (d) => d.children);
  const half = (n: HierarchyNode<Item>) => (n.data.input?.width ?? 0) / 2;
  // nodeSize [1, 1] makes the separation a distance in pixels: half of each box plus a gap, wider between cousins.
  const placed = tree<Item>()
    .nodeSize([1, 1])
    .separation((a, b) => half(a) + half(b) + (a.parent === b.parent ? gapX : gapX * 2))(root);

  const offset = top.input ? 0 : 1;
  const rowHeight: number[] = [];
  placed.each((n) => {
    if (!n.data.input) return;
    const row = n.depth - offset;
    rowHeight[row] = Math.max(rowHeight[row] ?? 0, n.data.input.height);
  });
  const rowTop: number[] = [];
  let y = 0;
  for (let row = 0; row < rowHeight.length; row++) {
    rowTop[row] = y;
    y += (rowHeight[row] ?? 0) + gapY;
  }

  let minX = Infinity;
  let maxX = -Infinity;
  placed.each((n) => {
    if (!n.data.input) return;
    minX = Math.min(minX, n.x - half(n));
    maxX = Math.max(maxX, n.x + half(n));
  });
  const nodes = new Map<string, Placed>();
  const order: string[] = [];
  placed.eachBefore((n) => {
    const box = n.data.input;
    if (!box) return;
    const row = n.depth - offset;
    nodes.set(box.id, { id: box.id, x: n.x - half(n) - minX, y: rowTop[row]!, width: box.width, height: box.height, depth: row });
    order.push(box.id);
  });
  return { nodes, order, width: nodes.size ? maxX - minX : 0, height: Math.max(0, y - gapY) };
}
