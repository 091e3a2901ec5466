import { problemResponse } from "./problem";
import { requestIdFrom } from "./request-id";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: Request) => Response;

/** HEAD comes with GET (Next answers it from the GET handler), so a route that allows GET allows HEAD too. */
type Implied<A extends Method> = A | ("GET" extends A ? "HEAD" : never);

/**
 * Handlers for the methods a route module does not implement, plus OPTIONS. Next answers an unexported method with
 * an empty 405, and OPTIONS with every exported name; these answer a problem document with the true `Allow`.
 *
 *   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
 *
 * The type only offers the methods that are not allowed, so a route cannot export one twice; the API fuzz test
 * (e2e/fuzz-api.spec.ts) fails for a route that leaves any of them to Next.
 */
export function otherMethods<A extends Method>(...allowed: A[]): Record<Exclude<Method, Implied<A>> | "OPTIONS", Handler> {
  const allowedSet = new Set<Method>(allowed);
  if (allowedSet.has("GET")) allowedSet.add("HEAD");
  const allow = [...METHODS.filter((m) => allowedSet.has(m)), "OPTIONS"].join(", ");
  const refuse: Handler = (req) => {
    const requestId = requestIdFrom(req.headers);
    return problemResponse(
      {
        type: "https://keel.dev/problems/method-not-allowed",
        title: "Method not allowed",
        status: 405,
        detail: `${req.method} is not supported here; use ${allow}`,
        requestId,
      },
      { allow, "x-request-id": requestId },
    );
  };
  const handlers: Record<string, Handler> = { OPTIONS: () => new Response(null, { status: 204, headers: { allow } }) };
  for (const method of METHODS) if (!allowedSet.has(method)) handlers[method] = refuse;
  return handlers as Record<Exclude<Method, Implied<A>> | "OPTIONS", Handler>;
}
