import "server-only";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Client } from "pg";
import { poolConfigFromUrl } from "@/lib/db/connection";
import { numberAtPointer, numberFromPrometheus, numberFromRows, type Extracted } from "./extract";

export const FETCH_TIMEOUT_MS = 10_000;
/** A metric's answer is small; anything bigger is a wrong address, not a number. */
const MAX_BODY_BYTES = 1_000_000;

export type SourceKind = "http_json" | "prometheus" | "postgres";

export interface SourceSecrets {
  /** Sent with every HTTP request (an Authorization header, an API key). */
  headers?: Record<string, string>;
  /** postgresql:// URL of a read-only role, for SQL sources. */
  connectionString?: string;
}

export interface FeedTarget {
  kind: SourceKind;
  /** The source's base URL (HTTP and Prometheus). */
  url: string | null;
  secrets: SourceSecrets;
  /** HTTP: a path and query appended to the base URL; Prometheus: the PromQL; SQL: the query. */
  expression: string;
  /** HTTP: the JSON pointer to the number. */
  pointer: string;
}

/**
 * Reads the one number a feed names. Never throws: every failure (no answer, a refusal, not JSON, no single number)
 * comes back as an error a person can act on, and nothing is recorded for it. Data sources are registered by
 * owners and admins for systems inside the organisation's own network, so private addresses are allowed here.
 */
export async function fetchNumber(target: FeedTarget): Promise<Extracted> {
  try {
    if (target.kind === "postgres") return await queryNumber(target.secrets.connectionString ?? "", target.expression);
    const base = target.url ?? "";
    const url = target.kind === "prometheus" ? prometheusUrl(base, target.expression) : joinUrl(base, target.expression);
    const answer = await getJson(url, target.secrets.headers ?? {});
    if (!answer.ok) return answer;
    return target.kind === "prometheus" ? numberFromPrometheus(answer.json) : numberAtPointer(answer.json, target.pointer);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function joinUrl(base: string, path: string): string {
  if (!path) return base;
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

function prometheusUrl(base: string, query: string): string {
  const url = new URL(joinUrl(base, "api/v1/query"));
  url.searchParams.set("query", query);
  return url.toString();
}

async function getJson(url: string, headers: Record<string, string>): Promise<{ ok: true; json: unknown } | { ok: false; error: string }> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, error: `${url} is not a valid address` };
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return { ok: false, error: "Data sources are read over http or https" };
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: { ok: true; json: unknown } | { ok: false; error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(target, { method: "GET", headers: { accept: "application/json", "user-agent": "Keel-Data-Sources/1", ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          res.destroy();
          finish({ ok: false, error: `The answer is larger than ${MAX_BODY_BYTES / 1_000_000} MB; point at the number itself` });
        } else chunks.push(chunk);
      });
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString("utf8");
        if (status === 401 || status === 403) return finish({ ok: false, error: `${target.host} refused the credentials (${status}); check the source's headers` });
        if (status < 200 || status >= 300) return finish({ ok: false, error: `${target.host} answered ${status}${text ? `: ${text.replace(/\s+/g, " ").slice(0, 200)}` : ""}` });
        try {
          finish({ ok: true, json: JSON.parse(text) });
        } catch {
          finish({ ok: false, error: `${target.host} did not answer JSON` });
        }
      });
      res.on("error", (error) => finish({ ok: false, error: `${target.host}: ${error.message}` }));
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, error: `${target.host} did not answer within ${FETCH_TIMEOUT_MS / 1000} s` });
    }, FETCH_TIMEOUT_MS);
    req.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, error: `${target.host} could not be reached (${error.code ?? error.message})` }));
    req.end();
  });
}

/**
 * Runs the query in a READ ONLY transaction with a statement timeout, then rolls back: even a role allowed to write
 * cannot change anything through a feed.
 */
async function queryNumber(connectionString: string, sql: string): Promise<Extracted> {
  let config;
  try {
    config = poolConfigFromUrl(connectionString);
  } catch {
    return { ok: false, error: "The source's connection string is not a postgresql:// URL" };
  }
  // Every transaction of this session is read-only from the start, whatever the query tries.
  const client = new Client({ ...config, connectionTimeoutMillis: FETCH_TIMEOUT_MS, application_name: "keel-data-source", options: "-c default_transaction_read_only=on" });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    return { ok: false, error: `Could not connect to the database: ${(error as Error).message}` };
  }
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${FETCH_TIMEOUT_MS}`);
    // The extended protocol takes one statement only, so "...; COMMIT; DELETE ..." cannot step out of the transaction.
    const result = await client.query({ text: sql, queryMode: "extended" } as never);
    const { rows, fields } = result as unknown as { rows: Record<string, unknown>[]; fields: unknown[] };
    return numberFromRows(rows, fields.length);
  } catch (error) {
    return { ok: false, error: `The query failed: ${(error as Error).message}` };
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
