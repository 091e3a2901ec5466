import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { onServerEvent } from "../http/server-events";

/**
 * Graceful stop of an app server. On SIGTERM or SIGINT it stops accepting connections, closes idle keep-alive
 * connections at once, lets requests in flight finish (each busy connection closes after its response), stops the
 * job runner, closes the database pool and exits 0. Requests still running after the grace period
 * (KEEL_SHUTDOWN_GRACE_MS) have their connections closed. While this runs, isShuttingDown() is true, so /api/health
 * answers 503 and a load balancer stops sending.
 */

interface State {
  isTracking: boolean;
  isShuttingDown: boolean;
  servers: Set<Server>;
  /** Open connections, each with the number of its requests still in flight. */
  sockets: Map<Socket, number>;
  responses: Set<ServerResponse>;
  stopping?: Promise<void>;
  /** Wakes a drain waiting for responses to finish or connections to close. */
  wake?: () => void;
}

const globalState = globalThis as unknown as { keelShutdown?: State };
const state: State = (globalState.keelShutdown ??= {
  isTracking: false,
  isShuttingDown: false,
  servers: new Set(),
  sockets: new Map(),
  responses: new Set(),
});

/** True from the moment this server was asked to stop: health and readiness checks answer 503. */
export function isShuttingDown(): boolean {
  return state.isShuttingDown;
}

/**
 * Watches every HTTP server of this process at the Node level: their connections and requests in flight. Next.js
 * creates its server before instrumentation.ts runs and hands it to no one, so the server is learned from its
 * first event (the start script's health check comes first).
 */
export function trackHttpServers(): void {
  if (state.isTracking) return;
  state.isTracking = true;
  onServerEvent("connection", (server, [socket]) => watchSocket(server, socket as Socket));
  onServerEvent("request", (server, [req, res]) => watchRequest(server, req as IncomingMessage, res as ServerResponse));
}

function watchSocket(server: Server, socket: Socket): void {
  state.servers.add(server);
  if (state.sockets.has(socket)) return;
  state.sockets.set(socket, 0);
  socket.once("close", () => {
    state.sockets.delete(socket);
    state.wake?.();
  });
}

function watchRequest(server: Server, req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  watchSocket(server, socket);
  state.sockets.set(socket, (state.sockets.get(socket) ?? 0) + 1);
  state.responses.add(res);
  // Node then answers with Connection: close and closes the connection after this response.
  if (state.isShuttingDown) res.shouldKeepAlive = false;
  let isDone = false;
  const done = () => {
    if (isDone) return;
    isDone = true;
    state.responses.delete(res);
    const busy = (state.sockets.get(socket) ?? 1) - 1;
    if (state.sockets.has(socket)) state.sockets.set(socket, busy);
    // The response is handed to the socket ('finish'): end() sends what is buffered, then closes.
    if (state.isShuttingDown && busy === 0) socket.end();
    state.wake?.();
  };
  res.once("finish", done);
  res.once("close", done);
}

async function waitUntil(condition: () => boolean, deadline: number): Promise<boolean> {
  while (!condition()) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      state.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    state.wake = undefined;
  }
  return true;
}

/**
 * Stops accepting connections and waits for requests in flight, up to graceMs; then closes whatever is left.
 * Returns how many requests were cut off.
 */
export async function drainHttp(graceMs: number): Promise<{ cutOff: number }> {
  state.isShuttingDown = true;
  const deadline = Date.now() + graceMs;
  for (const res of state.responses) if (!res.headersSent) res.shouldKeepAlive = false;
  // close() also closes the server's idle connections (Node 19+), those it tracks itself included.
  for (const server of state.servers) server.close();
  for (const [socket, busy] of state.sockets) if (busy === 0) socket.destroy();
  await waitUntil(() => state.responses.size === 0, deadline);
  // Connections ended after their last response close once their buffered bytes are sent.
  await waitUntil(() => state.responses.size === 0 && state.sockets.size === 0, deadline);
  const cutOff = state.responses.size;
  for (const socket of state.sockets.keys()) socket.destroy();
  for (const server of state.servers) server.closeAllConnections();
  return { cutOff };
}

export interface ShutdownSteps {
  graceMs: number;
  /** Stops background work (the job runner), finishing what runs, within graceMs. */
  stopWork(graceMs: number): Promise<void>;
  /** Runs once requests and background work no longer need the database. */
  closeDatabase(): Promise<void>;
  exit(code: number): void;
  log(line: string): void;
}

/** The whole stop, once however many signals arrive (a terminal's Ctrl-C reaches a process twice via npm start). */
export function shutDown(steps: ShutdownSteps): Promise<void> {
  state.stopping ??= (async () => {
    const [http, work] = await Promise.allSettled([drainHttp(steps.graceMs), steps.stopWork(steps.graceMs)]);
    if (http.status === "fulfilled" && http.value.cutOff > 0) {
      steps.log(`keel: ${http.value.cutOff} request(s) still running after ${steps.graceMs} ms were cut off`);
    }
    if (http.status === "rejected") steps.log(`keel: closing connections failed: ${describe(http.reason)}`);
    if (work.status === "rejected") steps.log(`keel: background jobs did not stop cleanly: ${describe(work.reason)}`);
    await steps.closeDatabase().catch((error: unknown) => steps.log(`keel: closing the database pool failed: ${describe(error)}`));
    steps.exit(0);
  })();
  return state.stopping;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** KEEL_SHUTDOWN_GRACE_MS, default 10 s (lib/env.ts checks it at start). */
export function graceMs(source: Readonly<Record<string, string | undefined>> = process.env): number {
  const value = Number(source.KEEL_SHUTDOWN_GRACE_MS);
  return source.KEEL_SHUTDOWN_GRACE_MS?.trim() && Number.isInteger(value) && value >= 0 ? value : 10_000;
}

/**
 * Makes this process stop as described above on SIGTERM and SIGINT. Called from instrumentation.ts (Node runtime,
 * production server). `next start` has already registered its own handlers by then (next/dist/server/lib/
 * start-server.js, skipped only when NEXT_MANUAL_SIG_HANDLE is set): they close the server and exit 130 or 143
 * as soon as it has no connections, with no grace period and the job runner and pool still running, which is
 * what printed the "terminating connection" stack traces. They are removed, and these take their place. (Next's
 * handler also awaited work scheduled with `after()` from next/server; Keel schedules none. Using it would need
 * that wait added here.)
 */
export function takeOverShutdown(steps: Omit<ShutdownSteps, "graceMs" | "exit" | "log">): void {
  trackHttpServers();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) process.off(signal, listener);
    process.on(signal, () => {
      void shutDown({ ...steps, graceMs: graceMs(), exit: (code) => process.exit(code), log: (line) => console.warn(line) });
    });
  }
}
