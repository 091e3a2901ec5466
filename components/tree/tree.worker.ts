import { cutIntoPieces } from "@/lib/tree/pieces";
import { parseAndPrepare, transferablesOf } from "@/lib/tree/prepare";
import type { TreeWorkerReply } from "./prepare-off-main-thread";

// The alignment tree page's parser (lib/tree/prepare.ts): the payload arrives as bytes; the prepared tree goes back in
// pieces (lib/tree/pieces.ts) so that no single message holds the page's main thread, its typed arrays moved rather
// than copied.
addEventListener("message", (event: MessageEvent<ArrayBuffer>) => {
  let pieces;
  try {
    const prepared = parseAndPrepare(event.data);
    pieces = cutIntoPieces(prepared);
  } catch (error) {
    postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies TreeWorkerReply);
    return;
  }
  for (const piece of pieces) {
    const transfer = piece.kind === "rest" ? transferablesOf(piece.prepared) : [];
    postMessage({ ok: true, piece } satisfies TreeWorkerReply, { transfer });
  }
});
