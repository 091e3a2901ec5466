import { problemResponse } from "@/lib/http/problem";

/** Any address under /api/v1 that no route serves: a problem document, as every other API answer, not the HTML 404 page. */
function answerNotFound(req: Request): Response {
  return problemResponse({
    type: "https://keel.dev/problems/not-found",
    title: "Not found",
    status: 404,
    detail: `There is no API endpoint at ${new URL(req.url).pathname}`,
  });
}

export const GET = answerNotFound;
export const HEAD = answerNotFound;
export const POST = answerNotFound;
export const PUT = answerNotFound;
export const PATCH = answerNotFound;
export const DELETE = answerNotFound;
export const OPTIONS = answerNotFound;
