import { readdirSync, readFileSync } from "node:fs";

/** The process and everything it started (`next start` may serve from a child process). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces and parentheses; the parent id follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  for (const queue = [root]; queue.length; ) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the server's resident memory (the whole process tree) every 100 ms. `mark()` starts a window whose peak
 * `peakSince()` reports, so each operation gets its own peak as well as the run's.
 */
export class RssSampler {
  private timer: NodeJS.Timeout;
  private peakKb = 0;
  private windowPeakKb = 0;
  private tree: number[];

  constructor(private readonly pid: number) {
    this.tree = processTree(pid);
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
    this.sample();
  }

  private sample() {
    const rss = this.tree.reduce((sum, pid) => sum + statusKb(pid, "VmRSS"), 0);
    this.peakKb = Math.max(this.peakKb, rss);
    this.windowPeakKb = Math.max(this.windowPeakKb, rss);
  }

  /** Looks for processes the server started since (workers are spawned lazily). */
  refreshTree(): void {
    this.tree = processTree(this.pid);
  }

  mark(): void {
    this.refreshTree();
    this.windowPeakKb = 0;
    this.sample();
  }

  peakSinceMarkMb(): number {
    this.sample();
    return this.windowPeakKb / 1024;
  }

  /** The largest of the sampled total and the kernel's own high-water mark of each process. */
  peakMb(): number {
    this.sample();
    const hwm = this.tree.reduce((sum, pid) => sum + statusKb(pid, "VmHWM"), 0);
    return Math.max(this.peakKb, hwm) / 1024;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
