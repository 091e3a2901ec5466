import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { observeRequest } from "@/lib/ops/metrics";
import { acceptRequestId, newRequestId, REQUEST_ID_HEADER } from "./request-id";
import { onServerEvent } from "./server-events";

const state = globalThis as unknown as { keelObserveRequests?: boolean };

// Load balancers poll these every few seconds; their successes would drown the access log.
const QUIET_PATHS = new Set(["/api/health", "/api/ready", "/api/metrics"]);

/**
 * Gives every request an id and, when its response ends, one access-log line and one sample of
 * keel_http_request_duration_seconds. The id is a proxy's well-formed X-Request-Id or a new one; it replaces the
 * header on the request, so route handlers, server actions and the proxy read the same id (lib/http/request-id.ts),
 * and it is sent back as X-Request-Id on every response.
 */
export function observeRequests(): void {
  if (state.keelObserveRequests) return;
  state.keelObserveRequests = true;
  onServerEvent("request", (_server, [req, res]) => void track(req as IncomingMessage, res as ServerResponse));
}

export function track(req: IncomingMessage, res: ServerResponse): string {
  const started = process.hrtime.bigint();
  const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]) ?? newRequestId();
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader("X-Request-Id", requestId);
  let isDone = false;
  const done = () => {
    if (isDone) return;
    isDone = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const method = req.method ?? "GET";
    const status = res.statusCode;
    const route = observeRequest(method, req.url ?? "/", status, seconds);
    const line = { requestId, method, route, status, durationMs: Math.round(seconds * 10_000) / 10, ...(res.writableFinished ? {} : { aborted: true }) };
    const path = (req.url ?? "/").split("?", 1)[0]!;
    if (QUIET_PATHS.has(path) && status < 400) log().debug(line, "request");
    else log().info(line, "request");
  };
  // "finish" when the response was sent; "close" alone when the client went away first.
  res.once("finish", done);
  res.once("close", done);
  return requestId;
}
