import { headers } from "next/headers";
import { docsPage } from "@/lib/api/docs-page";

export const dynamic = "force-dynamic";

/** The API reference, rendered in the browser by Redoc from /api/v1/openapi.json; every file comes from this server. */
export async function GET(): Promise<Response> {
  const nonce = (await headers()).get("x-nonce") ?? "";
  return new Response(docsPage(nonce), { headers: { "content-type": "text/html; charset=utf-8" } });
}
