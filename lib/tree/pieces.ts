import type { TreePayload } from "./payload";
import type { PreparedTree } from "./prepare";

/**
 * A prepared tree cut into messages of a few thousand items each, and put back together. The page receives the
 * worker's result as structured clones, and reading one clone is one task on the main thread: the 130,000 strings and
 * 80,000 child lists of a large cycle in one message take over 100 ms to read, in pieces none does.
 */
export type TreePiece = { kind: "column"; path: string; items: unknown[] } | { kind: "rest"; prepared: PreparedTree };

type Columns = Record<string, unknown[]>;
const GROUPS = ["teams", "people", "objectives", "keyResults"] as const;

/** Items per message: about 10 ms of reading on a busy two-core machine. */
export const PIECE_ITEMS = 8000;

/** The arrays worth cutting, by path ("objectives.title", "children"). */
function bigArrays(prepared: PreparedTree): [string, unknown[]][] {
  const payload = prepared.model.payload;
  const out: [string, unknown[]][] = [["children", prepared.model.children]];
  for (const group of GROUPS) {
    for (const [name, column] of Object.entries(payload[group] as unknown as Columns)) out.push([`${group}.${name}`, column]);
  }
  return out;
}

/** The pieces to post, in order; the last carries everything else with the cut arrays emptied. */
export function cutIntoPieces(prepared: PreparedTree, size = PIECE_ITEMS): TreePiece[] {
  const pieces: TreePiece[] = [];
  for (const [path, array] of bigArrays(prepared)) {
    for (let start = 0; start < array.length; start += size) pieces.push({ kind: "column", path, items: array.slice(start, start + size) });
  }
  const payload = prepared.model.payload;
  const emptied = { ...payload } as TreePayload;
  for (const group of GROUPS) {
    emptied[group] = Object.fromEntries(Object.keys(payload[group]).map((name) => [name, []])) as never;
  }
  pieces.push({ kind: "rest", prepared: { ...prepared, model: { ...prepared.model, payload: emptied, children: [] } } });
  return pieces;
}

/** Collects pieces as they arrive; `add` returns the whole tree once the last one is in. */
export function pieceCollector() {
  const parts = new Map<string, unknown[][]>();
  return {
    add(piece: TreePiece): PreparedTree | null {
      if (piece.kind === "column") {
        const list = parts.get(piece.path) ?? [];
        list.push(piece.items);
        parts.set(piece.path, list);
        return null;
      }
      const joined = (path: string) => ([] as unknown[]).concat(...(parts.get(path) ?? []));
      const { prepared } = piece;
      const payload = prepared.model.payload;
      for (const group of GROUPS) {
        const columns = payload[group] as unknown as Columns;
        for (const name of Object.keys(columns)) columns[name] = joined(`${group}.${name}`);
      }
      prepared.model.children = joined("children") as number[][];
      return prepared;
    },
  };
}
