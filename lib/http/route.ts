import "server-only";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { decodeSession } from "@/lib/auth/jwt";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate";
import { integrationActor } from "@/lib/api-tokens/integration-actor";
import { env } from "@/lib/env";
import { AppError, fromZod, RateLimitedError } from "@/lib/errors";
import { hasGrant } from "@/lib/permissions";
import type { Operation } from "@/lib/api/contract";
import { normaliseError, problemFromAppError, problemResponse } from "./problem";
import { resolveSessionActorForRequest } from "./request-organization";
import { assertSameOriginWrite, ownOrigins } from "./same-origin";
import { logUnexpected } from "@/lib/log";
import { requestIdFrom } from "./request-id";

type AnySchema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<P, Q, B> {
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  req: NextRequest;
  requestId: string;
}

type Answer<R> = R extends z.ZodType ? z.input<R> | Response : Response | void;

type Segment = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The one way a route handler reaches the domain: API token or session, membership and role, the operation's
 * permission, then params, query and body through its zod schemas. The handler must answer what the operation
 * documents (its response schema's input type) or a Response of its own. Failures are problem+json; unknown ones a
 * logged 500.
 */
export function defineRoute<P extends AnySchema | undefined, Q extends AnySchema | undefined, B extends AnySchema | undefined, R extends AnySchema | undefined>(
  config: Operation<P, Q, B, R>,
  run: (ctx: RouteContext<Out<P>, Out<Q>, Out<B>>) => Promise<Answer<R>>,
) {
  return async function handler(req: NextRequest, segment: Segment): Promise<Response> {
    // The id lib/http/observe.ts stamped on the request, so this answer and the access log name the same one.
    const requestId = requestIdFrom(req.headers);
    try {
      const actor = await actorFromRequest(req);
      if (!hasGrant(actor, config.permission)) throw new AppError("forbidden", "Your role does not allow this");

      const rawParams = segment?.params ? await segment.params : {};
      let params: unknown = undefined;
      if (config.params) {
        const parsed = config.params.safeParse(rawParams);
        // A malformed id names nothing that exists: answer as for an unknown one.
        if (!parsed.success) throw new AppError("not_found", "That item was not found");
        params = parsed.data;
      }

      let query: unknown = undefined;
      if (config.query) {
        const parsed = config.query.safeParse(searchParamsToObject(req.nextUrl.searchParams));
        if (!parsed.success) {
          const error = fromZod(parsed.error);
          throw new AppError("bad_request", error.message, error.fieldErrors);
        }
        query = parsed.data;
      }

      let body: unknown = undefined;
      if (config.body) {
        const json = await readJson(req);
        const parsed = config.body.safeParse(json);
        if (!parsed.success) throw fromZod(parsed.error);
        body = parsed.data;
      }

      const result: unknown = await run({ actor, params, query, body, req, requestId } as RouteContext<Out<P>, Out<Q>, Out<B>>);
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204, headers: { "x-request-id": requestId } });
      return Response.json(result, { status: config.status ?? 200, headers: { "x-request-id": requestId } });
    } catch (error) {
      const known = normaliseError(error);
      if (known) {
        const retryAfter: Record<string, string> = known instanceof RateLimitedError ? { "retry-after": String(known.retryAfterSeconds) } : {};
        return problemResponse(problemFromAppError(known, requestId), { "x-request-id": requestId, ...retryAfter });
      }
      logUnexpected(error, requestId, `${req.method} ${req.nextUrl.pathname}`);
      return problemResponse(
        { type: "about:blank", title: "Internal error", status: 500, detail: "Something went wrong on our side. Nothing was saved.", requestId },
        { "x-request-id": requestId },
      );
    }
  };
}

async function actorFromRequest(req: NextRequest): Promise<Actor> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new AppError("unauthenticated", "Use 'Authorization: Bearer <token>' with an API token");
    const token = await authenticateApiToken(match[1], req.method);
    if (token.kind === "organization") {
      const actor = await integrationActor(token);
      if (!actor) throw new AppError("unauthenticated", "That API token's organisation no longer exists");
      return actor;
    }
    const actor = await resolveActor(token.userId, { via: "token", organizationId: token.organizationId, apiTokenId: token.id });
    if (!actor) throw new AppError("unauthenticated", "That API token's owner is no longer a member of its organisation");
    return { ...actor, token: { id: token.id, kind: token.kind, scope: token.scope } };
  }
  const jwt = await getToken({ req, secret: env().NEXTAUTH_SECRET, decode: decodeSession });
  if (!jwt?.uid) throw new AppError("unauthenticated", "Sign in, or send a personal API token");
  assertSameOriginWrite(req.method, req.headers, ownOrigins(req.nextUrl.origin, env().NEXTAUTH_URL));
  return resolveSessionActorForRequest(jwt.uid, req.headers, req.method, jwt.sv ?? -1);
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("bad_request", "Send the body as JSON with 'Content-Type: application/json'");
  }
  try {
    return await req.json();
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON");
  }
}

function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length > 1 ? values : values[0]!;
  }
  return out;
}
