/**
 * The HTTP floor: the least a web server must do to answer what Keel answers. A plain `node:http` server in a process
 * of its own that, for each request, decodes the next-auth session cookie (the same secret and the same decoding as
 * Keel, lib/auth/jwt.ts), runs Keel's member lookup (lib/auth/actor.ts' statement), then the op's floor (`serve` of
 * bench/ops, the very function the SQL floor calls) and writes its JSON; for a page, the JSON inside an HTML document
 * padded to the size of Keel's page (`html=<bytes>`), so both send as many bytes.
 *
 * `GET|POST /<op id>?<op parameters>[&html=<bytes>]` with the cookie; 401 without a current session.
 * Started by bench/floor/start.ts with DATABASE_URL, NEXTAUTH_SECRET, KEEL_DB_POOL_SIZE and KEEL_FLOOR_PORT; it uses
 * Keel's own pool (lib/db/pool.ts), so the same number of connections with the same settings. Run with
 * `tsx --conditions=react-server` (lib/auth/actor.ts is a server-only module).
 */
import http from "node:http";
import { decodeSession } from "../../lib/auth/jwt";
import { pool } from "../../lib/db/pool";
import { SESSION_COOKIE } from "../lib/session";
import { OPS } from "../ops";
import type { CompareOp } from "../ops/types";
import { lookUpActor } from "./actor";
import { asPage } from "./page";

const secret = process.env.NEXTAUTH_SECRET;
const port = Number(process.env.KEEL_FLOOR_PORT);
if (!secret || !port) throw new Error("bench/floor/server.ts needs NEXTAUTH_SECRET and KEEL_FLOOR_PORT");

const ops = new Map(OPS.filter((op): op is CompareOp => op.mode === "compare").map((op) => [op.id, op]));

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  if (req.method === "GET" || req.method === "HEAD") return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (chunk: Buffer) => parts.push(chunk));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://floor");
  if (url.pathname === "/health") return send(res, 200, "text/plain", "ok");
  const op = ops.get(url.pathname.slice(1));
  if (!op) return send(res, 404, "application/json", JSON.stringify({ title: `no floor for ${url.pathname}` }));
  const body = await readBody(req);
  const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
  const session = token ? await decodeSession({ token, secret: secret! }).catch(() => null) : null;
  if (typeof session?.uid !== "string") return send(res, 401, "application/json", JSON.stringify({ title: "Unauthorized" }));
  const sessionVersion = typeof session.sv === "number" ? session.sv : -1;
  // One connection for the lookup and the op, as a write's transaction must stay on the connection that began it.
  const client = await pool.connect();
  try {
    const actor = await lookUpActor(client, session.uid, sessionVersion);
    if (!actor) return send(res, 401, "application/json", JSON.stringify({ title: "Unauthorized" }));
    const params = new URLSearchParams(url.searchParams);
    const htmlBytes = Number(params.get("html") ?? 0);
    params.delete("html");
    const answer = await op.serve(client, { orgId: actor.orgId, userId: actor.id, timeZone: actor.timeZone, sessionVersion, actor, params, body });
    if (htmlBytes) send(res, answer.status, "text/html; charset=utf-8", asPage(answer.json, htmlBytes));
    else send(res, answer.status, "application/json", answer.json);
  } finally {
    client.release();
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(`floor: ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) send(res, 500, "application/json", JSON.stringify({ title: "floor failed" }));
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1");

process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
