import { openApiDocument } from "@/lib/api/document";
import { otherMethods } from "@/lib/http/methods";

/**
 * The OpenAPI 3.1 document of API v1. Public: it describes the API, not an organisation, and a client generator
 * or the reference page at /api/docs must be able to read it before anyone signs in.
 */
export function GET(): Response {
  return new Response(openApiDocument().text, {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
