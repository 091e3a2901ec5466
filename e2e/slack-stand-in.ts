/**
 * Slack as far as Keel talks to it, on this machine, for the end-to-end tests: the OAuth consent page (which agrees
 * at once), the Web API methods Keel calls, and two test-only routes: /test/users maps a Slack user to an email,
 * /test/calls lists what Keel sent. Nothing here reaches the internet.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { E2E_SLACK_APP, E2E_SLACK_PORT } from "./env";

const emails = new Map<string, string>();
const calls: { method: string; body: Record<string, unknown> }[] = [];

function reply(res: import("node:http").ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const url = new URL(req.url ?? "/", `http://localhost:${E2E_SLACK_PORT}`);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = (req.headers["content-type"] ?? "").includes("json") ? (JSON.parse(raw || "{}") as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    if (url.pathname === "/oauth/v2/authorize") {
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", `code-${randomUUID()}`);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/test/users") {
      emails.set(String(body.slackUserId), String(body.email));
      return reply(res, 200, { ok: true });
    }
    if (url.pathname === "/test/calls") return reply(res, 200, calls);
    const method = url.pathname.replace(/^\/api\//, "");
    calls.push({ method, body });
    if (method === "oauth.v2.access") {
      if (body.client_id !== E2E_SLACK_APP.clientId || body.client_secret !== E2E_SLACK_APP.clientSecret) return reply(res, 200, { ok: false, error: "invalid_client" });
      const team = String(body.code).replace(/^code-/, "T").slice(0, 20).toUpperCase();
      return reply(res, 200, { ok: true, access_token: `xoxb-${randomUUID()}`, bot_user_id: "UKEELBOT", team: { id: team, name: "E2E Workspace" } });
    }
    if (method === "users.info") return reply(res, 200, { ok: true, user: { id: body.user, profile: { email: emails.get(String(body.user)) } } });
    return reply(res, 200, { ok: true });
  });
}).listen(E2E_SLACK_PORT, "127.0.0.1");
