import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, createWriteStream, existsSync } from "node:fs";
import net from "node:net";
import { userInfo } from "node:os";

export class SoakSetupError extends Error {}

/** A binary the soak needs, or a one-line error naming the Debian package that provides it. */
export function requireBinary(file: string, debianPackage: string): string {
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    throw new SoakSetupError(`${file} is missing: install it with \`apt-get install -y ${debianPackage}\` (Debian/Ubuntu), then run the soak again`);
  }
}

export const isRoot = userInfo().uid === 0;

/** Postgres and PgBouncer refuse to run as root: as root they run as the `postgres` user. */
export function asServiceUser(command: string, args: string[]): [string, string[]] {
  return isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

export function chownToServiceUser(dir: string): void {
  if (!isRoot) return;
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    throw new SoakSetupError("Running as root, the soak runs Postgres and PgBouncer as a 'postgres' user, and there is none: create one or run as an ordinary user");
  }
  execFileSync("chown", ["-R", "postgres:postgres", dir]);
}

interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Every process the soak starts, so all of them end with it: on success, on failure, on Ctrl-C. `onExit` runs the
 * synchronous last resort (SIGKILL) when Node exits without the orderly stop.
 */
export class Supervisor {
  private readonly running = new Map<string, Managed>();
  private readonly finalizers: (() => void)[] = [];

  constructor(private readonly logDir: string) {
    process.on("exit", () => this.killEverythingNow());
  }

  start(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
    if (this.running.has(name)) throw new Error(`${name} is already running`);
    const log = createWriteStream(`${this.logDir}/${name}.log`, { flags: "a" });
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    const exited = new Promise<number | null>((resolve) => {
      child.on("exit", (code) => {
        if (this.running.get(name)?.child === child) this.running.delete(name);
        resolve(code);
      });
      child.on("error", () => resolve(null));
    });
    this.running.set(name, { name, child, exited });
    return child;
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Sends the signal to the process group (next start's workers included) and waits for the exit. */
  async stop(name: string, signal: NodeJS.Signals = "SIGTERM", timeoutMs = 10_000): Promise<void> {
    const managed = this.running.get(name);
    if (!managed) return;
    signalGroup(managed.child, signal);
    const timedOut = await Promise.race([managed.exited.then(() => false), delay(timeoutMs).then(() => true)]);
    if (timedOut) {
      signalGroup(managed.child, "SIGKILL");
      await managed.exited;
    }
  }

  /** Something to undo synchronously at exit (a Postgres started by pg_ctl is not a child). */
  atExit(finalizer: () => void): void {
    this.finalizers.push(finalizer);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.stop(name)));
    this.runFinalizers();
  }

  private runFinalizers() {
    for (const finalize of this.finalizers.splice(0).reverse()) {
      try {
        finalize();
      } catch {
        // Best effort: the next one must still run.
      }
    }
  }

  private killEverythingNow() {
    for (const { child } of this.running.values()) signalGroup(child, "SIGKILL");
    this.running.clear();
    this.runFinalizers();
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns true, or throws with `what` after the deadline. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await delay(intervalMs);
  }
  throw new SoakSetupError(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s`);
}

export function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function assertPortFree(port: number, what: string): Promise<void> {
  if (await portAcceptsConnections(port)) throw new SoakSetupError(`port ${port} (for ${what}) is already in use: is another soak running?`);
}

export function fileExists(file: string): boolean {
  return existsSync(file);
}
