import { redocBundle } from "@/lib/api/docs-page";

/** Redoc's browser bundle from node_modules, so the reference page needs no CDN. */
export async function GET(): Promise<Response> {
  const bundle = await redocBundle();
  return new Response(bundle.body, {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400", etag: bundle.etag },
  });
}
