import type { z } from "zod";
import type { Action } from "@/lib/permissions";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type AnySchema = z.ZodType;

/**
 * One API v1 operation: everything the route wrapper enforces (permission, params, query, body) and everything the
 * reference documents (summary, answers), in one value. Route handlers are built from it (lib/http/route.ts) and the
 * OpenAPI document is generated from the list of them (lib/api/openapi.ts), so the two cannot disagree.
 */
export interface Operation<
  P extends AnySchema | undefined = AnySchema | undefined,
  Q extends AnySchema | undefined = AnySchema | undefined,
  B extends AnySchema | undefined = AnySchema | undefined,
  R extends AnySchema | undefined = AnySchema | undefined,
> {
  operationId: string;
  method: HttpMethod;
  /** Below /api/v1, with `{name}` path parameters as OpenAPI writes them. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  permission: Action;
  params?: P;
  query?: Q;
  body?: B;
  /** The body's shape for the reference, where the schema that parses it chooses between shapes at run time. */
  bodyDocumentedAs?: AnySchema;
  /** The answer's body; none means 204 No Content. */
  response?: R;
  /** Status of a successful answer (201 for creates). */
  status?: number;
  /** Other successful statuses with what they mean (an update that answers 200 beside a create's 201, a 304). */
  alsoAnswers?: Record<number, string>;
  /** Request headers the operation reads, beyond authentication. */
  headers?: { name: string; description: string; schema: AnySchema }[];
  /** Whether the operation can answer 409 (a stale version, a state that does not allow it, a duplicate). */
  conflicts?: boolean;
}

/** Keeps the literal schema types of one operation, so a handler built from it is typed by them. */
export function operation<P extends AnySchema | undefined = undefined, Q extends AnySchema | undefined = undefined, B extends AnySchema | undefined = undefined, R extends AnySchema | undefined = undefined>(
  op: Operation<P, Q, B, R>,
): Operation<P, Q, B, R> {
  return op;
}
