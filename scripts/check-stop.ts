/**
 * `npx tsx scripts/check-stop.ts`: starts Keel as `npm start` does (the embedded Postgres unless DATABASE_URL is
 * set; a build in KEEL_DIST_DIR, default .next, is reused, KEEL_SKIP_BUILD=1 skips the source check), holds an
 * idle keep-alive connection, and stops it twice: first with SIGINT to the whole process group, as a terminal's
 * Ctrl-C does, then with SIGTERM to the start script alone, as `docker stop` does. Each stop must end with exit
 * code 0 within the grace period, print exactly "keel: stopped", and leave Postgres and the port closed.
 * PORT and KEEL_PG_PORT choose the ports (3000, 54329).
 */
import { spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";

const port = Number(process.env.PORT ?? 3000);
const pgPort = Number(process.env.KEEL_PG_PORT ?? 54329);
const graceMs = Number(process.env.KEEL_SHUTDOWN_GRACE_MS ?? 10_000);

function accepts(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(p, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function once(how: "SIGINT to the process group" | "SIGTERM to the start script"): Promise<boolean> {
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: process.env,
  });
  let output = "";
  let afterSignal: string | null = null;
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.KEEL_DEBUG) process.stdout.write(chunk);
    if (afterSignal !== null) afterSignal += chunk.toString();
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 600_000;
  while (!output.includes("press Ctrl-C to stop")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      console.log(`${how}: Keel did not start:\n${output}`);
      return false;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // A keep-alive connection that has served a request and now sits idle, as a browser or load balancer leaves one.
  const idle = connect(port, "127.0.0.1");
  let idleAnswer = "";
  idle.on("data", (chunk: Buffer) => (idleAnswer += chunk.toString()));
  const idleClosed = new Promise<void>((resolve) => idle.once("close", () => resolve()));
  idle.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  while (!idleAnswer.includes(`"status":"ok"`)) await new Promise((r) => setTimeout(r, 50));

  afterSignal = "";
  const signalled = Date.now();
  if (how === "SIGINT to the process group") process.kill(-child.pid!, "SIGINT");
  else child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs + 20_000).unref());
  const code = await Promise.race([exited, timeout]);
  if (code === "timeout") {
    process.kill(-child.pid!, "SIGKILL");
    console.log(`${how}: did not stop within ${graceMs + 20_000} ms:\n${afterSignal}`);
    return false;
  }
  await Promise.race([idleClosed, new Promise((r) => setTimeout(r, 1_000))]);
  const seconds = ((Date.now() - signalled) / 1000).toFixed(1);
  const lines = afterSignal.split("\n").filter((l) => l.trim());
  const stillOpen = [(await accepts(port)) && `app port ${port}`, (await accepts(pgPort)) && `Postgres port ${pgPort}`].filter(Boolean);
  const ok = code === 0 && lines.length === 1 && lines[0] === "keel: stopped" && idle.destroyed && stillOpen.length === 0;
  console.log(`${how}: ${ok ? "ok" : "FAILED"} (exit code ${code}, ${seconds} s, idle connection ${idle.destroyed ? "closed" : "still open"}${stillOpen.length ? `, still listening: ${stillOpen.join(", ")}` : ""})`);
  console.log(`  printed after the signal: ${JSON.stringify(afterSignal)}`);
  return ok;
}

const results = [await once("SIGINT to the process group"), await once("SIGTERM to the start script")];
process.exit(results.every(Boolean) ? 0 : 1);
