import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SideResult {
  p50: number;
  p95: number;
  /** Operations per second under load (concurrent ops only). */
  throughput: number | null;
  loadP50: number | null;
  loadP99: number | null;
}

export interface Ratios {
  p50: number;
  p95: number;
  throughput: number | null;
}

export interface RatioTarget {
  latencyRatio?: number;
  throughputRatio?: number;
}

export interface CompareResult {
  id: string;
  name: string;
  kind: "read" | "write";
  mode: "compare";
  description: string;
  /** Sequential samples per side. */
  iterations: number;
  keel: SideResult | null;
  /** The op's query through pg in the benchmark's process (+ JSON.stringify). */
  sqlFloor: SideResult | null;
  /** The same query behind a plain node:http server that decodes the cookie and runs the member lookup first. */
  httpFloor: SideResult | null;
  /** Keel's over each floor's. */
  ratios: { http: Ratios; sql: Ratios } | null;
  target: { http?: RatioTarget; sql?: RatioTarget };
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
  settings: {
    iterations: number;
    minIterations: number;
    budgetSeconds: number;
    loadSeconds: number;
    /** Concurrent requests of the load tests. */
    connections: number;
    /** Database connections of Keel's pool, the HTTP floor's pool and the SQL floor's pool alike. */
    dbConnections: number;
    pageRuns: number;
    build: "built" | "reused";
  };
  server: { peakRssMb: number; targetMb: number; met: boolean };
  /** Whether the run measured every op of its size (no --only): the README shows only such runs. */
  complete: boolean;
  ops: OpResult[];
}

export const ms = (value: number | null | undefined) => (value === null || value === undefined || Number.isNaN(value) ? "—" : value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2));
export const ratio = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? "—" : `${value.toFixed(2)}x`);
export const rate = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value.toFixed(0));
export const verdict = (r: OpResult) => (r.error ? "ERROR" : r.met === null ? "—" : r.met ? "met" : "MISSED");

function table(headers: string[], rows: string[][], rightAligned: (i: number) => boolean): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAligned(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function ratioTarget(side: string, t: RatioTarget | undefined): string[] {
  return [t?.latencyRatio ? `latency ≤ ${t.latencyRatio}x ${side}` : "", t?.throughputRatio ? `throughput ≥ ${t.throughputRatio}x ${side}` : ""].filter(Boolean);
}

/** A page's targets in words. */
export function pageTarget(r: PageResult): string {
  return [r.target.firstElementMs ? `first ≤ ${r.target.firstElementMs} ms` : "", r.target.longTaskMs ? `every task ≤ ${r.target.longTaskMs} ms` : ""].filter(Boolean).join(", ") || "—";
}

/** An op's targets in words, e.g. "latency ≤ 1.5x HTTP, latency ≤ 1.3x SQL". */
export function compareTarget(r: CompareResult): string {
  return [...ratioTarget("HTTP", r.target.http), ...ratioTarget("SQL", r.target.sql)].join(", ") || "—";
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
    out.push(
      "",
      `Keel against its two floors (latency in ms, n sequential samples per side; throughput in operations per second with ${report.settings.connections} concurrent requests;` +
        ` ${report.settings.dbConnections} database connections each for Keel, the HTTP floor and the SQL floor)`,
      table(
        ["operation", "n", "SQL p50", "p95", "HTTP p50", "p95", "Keel p50", "p95", "K/HTTP p50", "p95", "K/SQL p50", "p95", "SQL/s", "HTTP/s", "Keel/s", "K/HTTP", "K/SQL", "RSS MB", "target", "result"],
        compare.map((r) => [
          r.name, String(r.iterations), ms(r.sqlFloor?.p50), ms(r.sqlFloor?.p95), ms(r.httpFloor?.p50), ms(r.httpFloor?.p95), ms(r.keel?.p50), ms(r.keel?.p95),
          ratio(r.ratios?.http.p50), ratio(r.ratios?.http.p95), ratio(r.ratios?.sql.p50), ratio(r.ratios?.sql.p95),
          rate(r.sqlFloor?.throughput), rate(r.httpFloor?.throughput), rate(r.keel?.throughput), ratio(r.ratios?.http.throughput), ratio(r.ratios?.sql.throughput),
          r.peakRssMb.toFixed(0), compareTarget(r), verdict(r),
        ]),
        (i) => i >= 1 && i <= 17,
      ),
    );
  }
  if (pages.length) {
    out.push(
      "",
      "Pages in Chromium (ms from navigation; long tasks after the first element, for the whole tree every one since navigation)",
      table(
        ["page", "runs", "elements", "first p50", "p95", "frame p50", "longest task p50", "max", "blocking p50", "RSS MB", "target", "result"],
        pages.map((r) => [
          r.name, String(r.runs), r.matchedElements === null ? "—" : String(r.matchedElements), ms(r.firstElementMs?.p50), ms(r.firstElementMs?.p95), ms(r.firstFrameMs?.p50),
          ms(r.longestTaskMs?.p50), ms(r.longestTaskMs?.max), ms(r.blockingMs?.p50), r.peakRssMb.toFixed(0), pageTarget(r), verdict(r),
        ]),
        (i) => i >= 1 && i <= 9,
      ),
    );
  }
  const errors = report.ops.filter((r) => r.error);
  if (errors.length) out.push("", ...errors.map((r) => `${r.name}: ${r.error}`));
  out.push("", `Server peak RSS ${report.server.peakRssMb.toFixed(0)} MB (target < ${report.server.targetMb} MB: ${report.server.met ? "met" : "MISSED"}); ${report.seconds.toFixed(1)} s in all.`);
  return out.join("\n");
}

/** Writes the report as JSON, numbers rounded to three decimals (a microsecond for times): more would only be noise. */
export function writeReport(file: string, report: RunReport): void {
  const rounded = (_key: string, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value);
  writeFileSync(file, `${JSON.stringify(report, rounded, 2)}\n`);
}

/** Where a run's report goes: `<dir>/<size>-<date>.json`, the date to the second in UTC (e.g. L-2026-12-04T04-10-00Z.json), so runs never overwrite each other. */
export function resultsFile(dir: string, report: Pick<RunReport, "size" | "date">): string {
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${report.size}-${report.date.slice(0, 19).replace(/:/g, "-")}Z.json`);
}

const cell = (p50: string, p95: string) => `${p50} / ${p95}`;

/**
 * The README's tables for one run (bench/table.ts writes them between its markers): the run's conditions, Keel against
 * both floors per op, the pages in Chromium and the server's peak memory, each against its target.
 */
export function formatMarkdown(report: RunReport, source: string): string {
  const compare = report.ops.filter((r): r is CompareResult => r.mode === "compare");
  const pages = report.ops.filter((r): r is PageResult => r.mode === "page");
  const m = report.machine;
  const out: string[] = [
    `Size ${report.size}, ${report.date.slice(0, 16).replace("T", " ")} UTC, on ${m.cores} cores, ${(m.memoryMb / 1024).toFixed(0)} GB, Node ${m.node.replace(/^v/, "")}, ${m.postgres};` +
      ` load average ${m.loadAverage.start.toFixed(1)} → ${m.loadAverage.end.toFixed(1)}. ${report.settings.dbConnections} database connections each for Keel, the HTTP floor and` +
      ` the SQL floor; ${report.settings.connections} concurrent requests under load; at least ${report.settings.minIterations} sequential samples per side.` +
      ` Generated by \`npm run bench:table\` from [\`${source}\`](${source}); latency in ms (p50 / p95), throughput in operations per second.`,
  ];
  if (compare.length) out.push("", "| operation | n | SQL floor | HTTP floor | Keel | Keel / HTTP floor | Keel / SQL floor | target | |", "|---|---|---|---|---|---|---|---|---|");
  for (const r of compare) {
    // A write is judged by its throughput, a read by its latency; a read under load also shows its throughput.
    const underLoad = r.keel?.throughput !== null && r.keel?.throughput !== undefined;
    const side = (s: SideResult | null) =>
      r.kind === "write" ? `${rate(s?.throughput)} /s (${ms(s?.p50)} alone)` : `${cell(ms(s?.p50), ms(s?.p95))}${underLoad ? `; ${rate(s?.throughput)} /s` : ""}`;
    const ratios = (x: Ratios | undefined) =>
      r.kind === "write" ? `${ratio(x?.throughput)} (alone ${ratio(x?.p50)})` : `${cell(ratio(x?.p50), ratio(x?.p95))}${underLoad ? `; under load ${ratio(x?.throughput)}` : ""}`;
    out.push(`| ${r.name} | ${r.iterations} | ${side(r.sqlFloor)} | ${side(r.httpFloor)} | ${side(r.keel)} | ${ratios(r.ratios?.http)} | ${ratios(r.ratios?.sql)} | ${compareTarget(r)} | ${verdict(r)} |`);
  }
  if (pages.length) {
    out.push("", "| page in Chromium | runs | until shown p50 / p95 | longest task (after it; whole tree: since navigation), p50 / worst run | target | |", "|---|---|---|---|---|---|");
    for (const r of pages) {
      out.push(`| ${r.name} | ${r.runs} | ${cell(ms(r.firstElementMs?.p50), ms(r.firstElementMs?.p95))} | ${cell(ms(r.longestTaskMs?.p50), ms(r.longestTaskMs?.max))} | ${pageTarget(r)} | ${verdict(r)} |`);
    }
  }
  out.push("", `Peak resident memory of the server (its whole process tree): ${report.server.peakRssMb.toFixed(0)} MB; target under ${report.server.targetMb} MB: ${report.server.met ? "met" : "missed"}.`);
  const errors = report.ops.filter((r) => r.error);
  if (errors.length) out.push("", ...errors.map((r) => `- ${r.name}: ${r.error}`));
  return out.join("\n");
}
