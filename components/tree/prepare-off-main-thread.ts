import { pieceCollector, type TreePiece } from "@/lib/tree/pieces";
import { parseAndPrepare, type PreparedTree } from "@/lib/tree/prepare";

export type TreeWorkerReply = { ok: true; piece: TreePiece } | { ok: false; message: string };

/** The tree's worker (tree.worker.ts), or null where the browser has no workers. */
export function startTreeWorker(): Worker | null {
  if (typeof Worker === "undefined") return null;
  try {
    return new Worker(new URL("./tree.worker.ts", import.meta.url), { name: "alignment-tree" });
  } catch {
    return null;
  }
}

/**
 * The payload's bytes parsed and prepared in the worker. The bytes are copied to it, not moved, so if the worker
 * cannot start (blocked, or failed to load) the same bytes are prepared here instead: slower, but the tree still opens.
 */
export function prepareOffMainThread(worker: Worker | null, bytes: ArrayBuffer): Promise<PreparedTree> {
  if (!worker) return Promise.resolve().then(() => parseAndPrepare(bytes));
  const collector = pieceCollector();
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<TreeWorkerReply>) => {
      if (!event.data.ok) return reject(new Error("The tree could not be read. Try again."));
      const prepared = collector.add(event.data.piece);
      if (prepared) resolve(prepared);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      try {
        resolve(parseAndPrepare(bytes));
      } catch (error) {
        reject(error);
      }
    };
    worker.postMessage(bytes);
  });
}
