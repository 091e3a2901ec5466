import { NextRequest } from "next/server";

type Handler = (req: NextRequest, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ApiCall {
  method?: string;
  path: string;
  /** An API token secret (see createApiToken in prisma/factories.ts); omit to call anonymously. */
  token?: string;
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface ApiResult {
  status: number;
  json: unknown;
  headers: Headers;
  contentType: string;
}

/** Calls a route handler the way Next would: a real Request, its params as a promise. */
export async function callApi(handler: Handler, call: ApiCall): Promise<ApiResult> {
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers["content-type"] ??= "application/json";
  const req = new NextRequest(new URL(call.path, "http://localhost:3000"), {
    method: call.method ?? "GET",
    headers,
    body: call.body === undefined ? undefined : typeof call.body === "string" ? call.body : JSON.stringify(call.body),
  });
  const res = await handler(req, { params: Promise.resolve(call.params ?? {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers, contentType: res.headers.get("content-type") ?? "" };
}
