import "server-only";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { guardedLookup, isPrivateAddress, PrivateAddressError } from "./address";

export const SEND_TIMEOUT_MS = 10_000;
/** Enough of an answer's body to show why a receiver refused; the rest is not read. */
const EXCERPT_BYTES = 500;

export interface SendResult {
  /** The receiver's status, or null when it never answered (refused, timed out, no such host, private address). */
  status: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string;
}

/**
 * POSTs one JSON body. Redirects are not followed (a 3xx is an answer like any other), the whole exchange has a
 * time limit, and the connection only ever goes to a public address unless private ones are allowed.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, options: { allowPrivate: boolean; timeoutMs?: number }): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { status: null, durationMs: 0, error: "The address is not a valid URL", excerpt: "" };
  }
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !options.allowPrivate && isPrivateAddress(host)) {
    return { status: null, durationMs: 0, error: new PrivateAddressError(host, host).message, excerpt: "" };
  }
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Keel-Webhooks/1", ...headers },
        lookup: guardedLookup(options.allowPrivate) as never,
        agent: false,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= EXCERPT_BYTES) res.destroy();
        });
        const done = () => finish({ status: res.statusCode ?? null, durationMs: elapsed(), error: null, excerpt: Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_BYTES) });
        res.on("end", done);
        res.on("close", done);
        res.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: null, durationMs: elapsed(), error: `No answer within ${Math.round((options.timeoutMs ?? SEND_TIMEOUT_MS) / 1000)} s`, excerpt: "" });
    }, options.timeoutMs ?? SEND_TIMEOUT_MS);
    req.on("error", (error: NodeJS.ErrnoException) => finish({ status: null, durationMs: elapsed(), error: describeError(error, target), excerpt: "" }));
    req.end(body);
  });
}

function describeError(error: NodeJS.ErrnoException, target: URL): string {
  if (error instanceof PrivateAddressError || error.code === "EKEELPRIVATE") return error.message;
  if (error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") return `${target.hostname} could not be found (DNS)`;
  if (error.code === "ECONNREFUSED") return `${target.host} refused the connection`;
  if (error.code === "ECONNRESET") return `${target.host} closed the connection without answering`;
  if (error.code?.startsWith("ERR_TLS") || error.code?.includes("CERT")) return `${target.host}'s TLS certificate was not accepted (${error.code})`;
  return `${target.host} could not be reached (${error.code ?? error.message})`;
}
