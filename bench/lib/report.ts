import { writeFileSync } from "node:fs";

export interface SideResult {
  p50: number;
  p95: number;
  /** Operations per second under load (concurrent ops only). */
  throughput: number | null;
  loadP50: number | null;
  loadP99: number | null;
}

export interface CompareResult {
  id: string;
  name: string;
  kind: "read" | "write";
  mode: "compare";
  description: string;
  iterations: number;
  keel: SideResult | null;
  floor: SideResult | null;
  ratios: { p50: number; p95: number; throughput: number | null } | null;
  target: { latencyRatio?: number; throughputRatio?: number };
  /** Null when the op has no target, or when it failed before a measurement. */
  met: boolean | null;
  peakRssMb: number;
  error: string | null;
}

export interface PageResult {
  id: string;
  name: string;
  kind: "read" | "write";
  mode: "page";
  description: string;
  runs: number;
  firstElementMs: { p50: number; p95: number } | null;
  firstFrameMs: { p50: number } | null;
  /** The longest long task after the first element: the median run's, and the worst run's. */
  longestTaskMs: { p50: number; max: number } | null;
  blockingMs: { p50: number } | null;
  matchedElements: number | null;
  target: { firstElementMs?: number; longTaskMs?: number };
  met: boolean | null;
  peakRssMb: number;
  error: string | null;
}

export type OpResult = CompareResult | PageResult;

export interface RunReport {
  size: string;
  seed: number;
  today: string;
  date: string;
  seconds: number;
  machine: {
    cores: number;
    cpu: string;
    memoryMb: number;
    node: string;
    platform: string;
    postgres: string;
    /** 1-minute load average when the run started and ended: how busy the machine was besides the benchmark. */
    loadAverage: { start: number; end: number };
  };
  settings: { iterations: number; budgetSeconds: number; loadSeconds: number; connections: number; pageRuns: number; build: "built" | "reused" };
  server: { peakRssMb: number };
  ops: OpResult[];
}

const ms = (value: number | null | undefined) => (value === null || value === undefined || Number.isNaN(value) ? "—" : value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2));
const ratio = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? "—" : `${value.toFixed(2)}x`);
const rate = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value.toFixed(0));
const verdict = (r: OpResult) => (r.error ? "ERROR" : r.met === null ? "—" : r.met ? "met" : "MISSED");

function table(headers: string[], rows: string[][], rightAligned: (i: number) => boolean): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAligned(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The table printed at the end of a run: Keel against the floor, and pages in the browser. */
export function formatReport(report: RunReport): string {
  const compare = report.ops.filter((r): r is CompareResult => r.mode === "compare");
  const pages = report.ops.filter((r): r is PageResult => r.mode === "page");
  const out: string[] = [];
  out.push(
    `Keel benchmark, size ${report.size} — ${report.date} — ${report.machine.cores} cores, ${(report.machine.memoryMb / 1024).toFixed(0)} GB, Node ${report.machine.node}, ${report.machine.postgres}` +
      ` — load average ${report.machine.loadAverage.start.toFixed(2)} → ${report.machine.loadAverage.end.toFixed(2)}`,
  );
  if (compare.length) {
    const target = (r: CompareResult) =>
      [r.target.latencyRatio ? `latency ≤ ${r.target.latencyRatio}x` : "", r.target.throughputRatio ? `throughput ≥ ${r.target.throughputRatio}x` : ""].filter(Boolean).join(", ") || "—";
    out.push(
      "",
      "Keel against its floor (latency in ms, throughput in operations per second)",
      table(
        ["operation", "kind", "n", "Keel p50", "p95", "floor p50", "p95", "ratio p50", "p95", "Keel/s", "floor/s", "ratio", "RSS MB", "target", "result"],
        compare.map((r) => [
          r.name, r.kind, String(r.iterations), ms(r.keel?.p50), ms(r.keel?.p95), ms(r.floor?.p50), ms(r.floor?.p95), ratio(r.ratios?.p50), ratio(r.ratios?.p95),
          rate(r.keel?.throughput), rate(r.floor?.throughput), ratio(r.ratios?.throughput), r.peakRssMb.toFixed(0), target(r), verdict(r),
        ]),
        (i) => i >= 2 && i <= 12,
      ),
    );
  }
  if (pages.length) {
    const target = (r: PageResult) => [r.target.firstElementMs ? `first ≤ ${r.target.firstElementMs} ms` : "", r.target.longTaskMs ? `tasks ≤ ${r.target.longTaskMs} ms` : ""].filter(Boolean).join(", ") || "—";
    out.push(
      "",
      "Pages in Chromium (ms from navigation; long tasks after the first element)",
      table(
        ["page", "runs", "elements", "first p50", "p95", "frame p50", "longest task p50", "max", "blocking p50", "RSS MB", "target", "result"],
        pages.map((r) => [
          r.name, String(r.runs), r.matchedElements === null ? "—" : String(r.matchedElements), ms(r.firstElementMs?.p50), ms(r.firstElementMs?.p95), ms(r.firstFrameMs?.p50),
          ms(r.longestTaskMs?.p50), ms(r.longestTaskMs?.max), ms(r.blockingMs?.p50), r.peakRssMb.toFixed(0), target(r), verdict(r),
        ]),
        (i) => i >= 1 && i <= 9,
      ),
    );
  }
  const errors = report.ops.filter((r) => r.error);
  if (errors.length) out.push("", ...errors.map((r) => `${r.name}: ${r.error}`));
  out.push("", `Server peak RSS ${report.server.peakRssMb.toFixed(0)} MB; ${report.seconds.toFixed(1)} s in all.`);
  return out.join("\n");
}

/** Writes the report as JSON, numbers rounded to three decimals (a microsecond for times): more would only be noise. */
export function writeReport(file: string, report: RunReport): void {
  const rounded = (_key: string, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value);
  writeFileSync(file, `${JSON.stringify(report, rounded, 2)}\n`);
}
