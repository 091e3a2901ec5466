import * as operations from "@/lib/api/operations";
import { defineRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/methods";
import { PRE_ENCODED_HEADER } from "@/lib/http/pre-encoded";
import { chooseEncoding, listedTags, treeCache } from "@/lib/tree/cache";

/**
 * The cycle's whole alignment tree in the compact form of lib/tree/payload.ts, from the per-version cache of
 * lib/tree/cache.ts: already compressed, and 304 when the browser holds the current version. `no-cache` makes the
 * browser ask every time (one version query), so a change is seen at once; `private` keeps shared caches out.
 */
export const GET = defineRoute(operations.cycleTree, async ({ actor, params, req, requestId }) => {
  const tree = await treeCache().get(actor.orgId, params.id, chooseEncoding(req.headers.get("accept-encoding")), listedTags(req.headers.get("if-none-match")));
  const headers: Record<string, string> = {
    etag: tree.etag,
    "cache-control": "private, no-cache",
    vary: "Accept-Encoding",
    "x-request-id": requestId,
  };
  if (tree.notModified) return new Response(null, { status: 304, headers });
  // Both names: Next passes only the second through to the Node response (lib/http/pre-encoded.ts).
  if (tree.encoding !== "identity") headers["content-encoding"] = headers[PRE_ENCODED_HEADER] = tree.encoding;
  return new Response(tree.body as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, "content-type": "application/json", "content-length": String(tree.body.byteLength) },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
