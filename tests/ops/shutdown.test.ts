import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type ShutdownModule = typeof import("@/lib/server/shutdown");

let shutdown: ShutdownModule;
let server: Server;
let port: number;
const releases: (() => void)[] = [];

beforeEach(async () => {
  // Each test stops its own server once: a fresh module state, as in a fresh process.
  delete (globalThis as { keelShutdown?: unknown }).keelShutdown;
  vi.resetModules();
  shutdown = await import("@/lib/server/shutdown");
  shutdown.trackHttpServers();
  server = createServer((req, res) => {
    if (req.url === "/slow") releases.push(() => res.end("slow done"));
    else res.end("fast");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterEach(() => {
  releases.length = 0;
  server.closeAllConnections();
  server.close();
});

/** A raw HTTP/1.1 connection, so the test sees exactly when the server closes it. */
async function open(): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const socket = connect(port, "127.0.0.1");
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return { socket, received: () => text, closed };
}

const get = (socket: Socket, url: string) => socket.write(`GET ${url} HTTP/1.1\r\nHost: keel\r\n\r\n`);

function refused(): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function steps(graceMs: number) {
  const order: string[] = [];
  let exited: (code: number) => void = () => undefined;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  return {
    order,
    exit,
    steps: {
      graceMs,
      stopWork: async (ms: number) => void order.push(`stop work within ${ms}`),
      closeDatabase: async () => void order.push("close database"),
      exit: (code: number) => {
        order.push(`exit ${code}`);
        exited(code);
      },
      log: (line: string) => void order.push(line),
    },
  };
}

describe("stopping an app server", () => {
  it("closes idle keep-alive connections at once, refuses new ones, finishes the request in flight, then exits 0", async () => {
    const idle = await open();
    get(idle.socket, "/fast");
    await expect.poll(idle.received).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\nfast$/);
    const busy = await open();
    get(busy.socket, "/slow");
    await expect.poll(() => releases.length).toBe(1);

    const run = steps(10_000);
    expect(shutdown.isShuttingDown()).toBe(false);
    const stopping = shutdown.shutDown(run.steps);
    expect(shutdown.isShuttingDown()).toBe(true);
    await idle.closed;
    expect(await refused()).toBe("ECONNREFUSED");
    expect(run.order).toEqual(["stop work within 10000"]);
    expect(busy.received()).toBe("");

    releases.shift()!();
    await busy.closed;
    expect(busy.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: close\r\n[\s\S]*\r\n\r\nslow done$/);
    expect(await run.exit).toBe(0);
    await stopping;
    expect(run.order).toEqual(["stop work within 10000", "close database", "exit 0"]);
  });

  it("ends a busy connection after its response in flight, which says Connection: close, whatever the client sent after it", async () => {
    const busy = await open();
    get(busy.socket, "/slow");
    await expect.poll(() => releases.length).toBe(1);
    const run = steps(10_000);
    void shutdown.shutDown(run.steps);
    // Pipelined behind the slow one: HTTP lets a server close after a response marked Connection: close, and the
    // client sends the rest again on a new connection (to another server).
    get(busy.socket, "/fast");
    releases.shift()!();
    await busy.closed;
    expect(busy.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: close\r\n[\s\S]*\r\n\r\nslow done$/);
    expect(await run.exit).toBe(0);
  });

  it("cuts off requests still running after the grace period, and says so", async () => {
    const busy = await open();
    get(busy.socket, "/slow");
    await expect.poll(() => releases.length).toBe(1);
    const run = steps(300);
    const started = Date.now();
    void shutdown.shutDown(run.steps);
    await busy.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(busy.received()).toBe("");
    expect(await run.exit).toBe(0);
    expect(run.order).toEqual(["stop work within 300", "keel: 1 request(s) still running after 300 ms were cut off", "close database", "exit 0"]);
  });

  it("takes SIGTERM and SIGINT over from the server's own handlers: a process that drains, stops its work and exits 0", async () => {
    // tsx as a loader, not its CLI: the CLI is a second process that relays signals on its own terms.
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/ops/shutdown-server.ts")], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, KEEL_SHUTDOWN_GRACE_MS: "20000" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await expect.poll(() => /port (\d+)/.exec(stdout)?.[1], { timeout: 20_000 }).toBeTruthy();
      port = Number(/port (\d+)/.exec(stdout)![1]);
      const busy = await open();
      get(busy.socket, "/slow");
      await expect.poll(() => stdout).toMatch(/slow request started/);

      // A terminal's Ctrl-C reaches every process of the group; `npm start` then sends SIGTERM as well.
      child.kill("SIGINT");
      child.kill("SIGTERM");
      await expect.poll(refused).toBe("ECONNREFUSED");
      expect(child.exitCode).toBeNull();

      child.stdin.write("release\n");
      await busy.closed;
      expect(busy.received()).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*slow done$/);
      expect(await exited).toBe(0);
      expect(stdout).not.toMatch(/next's handler ran/);
      expect(stdout.indexOf("jobs stopped")).toBeLessThan(stdout.indexOf("pool closed"));
      expect(stdout).toMatch(/pool closed/);
      expect(stderr).toBe("");
    } finally {
      child.kill("SIGKILL");
    }
  });
});
