import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Manifest } from "../lib/manifest";
import { sidesOf, type Floors } from "../lib/compare";
import { measureLatency, percentile } from "../lib/measure";
import type { RssSampler } from "../lib/memory";
import { OPS } from "../ops";
import type { BenchContext, CompareOp } from "../ops/types";

/**
 * How the whole-cycle reads grow with the data: each one's Keel and floor latency, answer size and the server's peak
 * memory at one size, written to bench/results/growth-<size>-<date>.json; with a run at L and one at XL, the table of
 * growth against the data's own growth. A read that grows faster than its data will not survive the next size up.
 */

/** The operations that read a whole cycle: their cost is expected to follow the cycle's size. */
export const WHOLE_CYCLE_OPS = ["tree-data", "review-page"] as const;

/** Longer than any read should take at XL: past this the read is reported as not answering, not waited for. */
const ANSWER_TIMEOUT_MS = 180_000;

export interface GrowthOp {
  id: string;
  name: string;
  iterations: number;
  keel: { p50: number; p95: number } | null;
  floor: { p50: number; p95: number } | null;
  /** Bytes of Keel's answer. */
  answerBytes: number | null;
  peakRssMb: number;
  /** Whether Keel and the floor returned the same data (the op's own check); the timings are kept either way. */
  verified: true | string;
  error: string | null;
}

export interface GrowthResult {
  size: string;
  date: string;
  counts: Manifest["counts"];
  ops: GrowthOp[];
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`)), ANSWER_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function runGrowthScenario(
  ctx: BenchContext,
  floors: Floors,
  sampler: RssSampler,
  options: { iterations: number; budgetSeconds: number; log?: (line: string) => void },
): Promise<GrowthResult> {
  const log = options.log ?? (() => undefined);
  const ops = OPS.filter((op): op is CompareOp => op.mode === "compare" && (WHOLE_CYCLE_OPS as readonly string[]).includes(op.id));
  const results: GrowthOp[] = [];
  for (const op of ops) {
    log(`${op.name}...`);
    sampler.mark();
    const result: GrowthOp = { id: op.id, name: op.name, iterations: 0, keel: null, floor: null, answerBytes: null, peakRssMb: 0, verified: true, error: null };
    const client = await floors.pool.connect();
    try {
      const comparison = await op.prepare(ctx);
      const sides = await withTimeout(sidesOf(op, comparison, ctx, floors), op.name);
      const keel = (i: number) => withTimeout(sides.keelCall(i), op.name);
      const floor = (i: number) => withTimeout(sides.sqlFloor(client, i), `${op.name} (SQL floor)`);
      result.answerBytes = Buffer.byteLength(sides.first.body);
      try {
        comparison.verify?.(sides.first, await floor(0));
      } catch (error) {
        result.verified = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      }
      const samples = await measureLatency(
        { keel: async (i: number) => void (await keel(i)), floor: async (i: number) => void (await floor(i)) },
        { warmup: 1, iterations: options.iterations, budgetMs: options.budgetSeconds * 1000, minIterations: 5 },
      );
      result.iterations = samples.keel.length;
      result.keel = { p50: percentile(samples.keel, 50), p95: percentile(samples.keel, 95) };
      result.floor = { p50: percentile(samples.floor, 50), p95: percentile(samples.floor, 95) };
    } catch (error) {
      result.error = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    } finally {
      client.release();
    }
    result.peakRssMb = sampler.peakSinceMarkMb();
    results.push(result);
  }
  return { size: ctx.size.name, date: new Date().toISOString(), counts: ctx.manifest.counts, ops: results };
}

export function formatGrowth(result: GrowthResult): string {
  const ms = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "-" : String(Math.round(n)));
  const lines = [
    `Whole-cycle reads at ${result.size} (${result.counts.key_results?.toLocaleString("en-GB")} key results, ${result.counts.check_ins?.toLocaleString("en-GB")} check-ins)`,
    "| op | n | Keel p50 ms | p95 | floor p50 ms | p95 | answer MB | server peak RSS MB | same data |",
    "|---|---|---|---|---|---|---|---|---|",
    ...result.ops.map(
      (o) =>
        `| ${o.name} | ${o.iterations} | ${ms(o.keel?.p50)} | ${ms(o.keel?.p95)} | ${ms(o.floor?.p50)} | ${ms(o.floor?.p95)} | ${o.answerBytes === null ? "-" : (o.answerBytes / 1e6).toFixed(1)} | ${Math.round(o.peakRssMb)} | ${o.verified === true ? "yes" : "no (see below)"} |`,
    ),
  ];
  for (const o of result.ops) {
    if (o.error) lines.push(`${o.name}: ${o.error}`);
    if (o.verified !== true) lines.push(`${o.name}: Keel and the floor disagree: ${o.verified}`);
  }
  return lines.join("\n");
}

/** The newest growth result of a size in the folder, if any. */
export function latestGrowth(folder: string, size: string): GrowthResult | null {
  if (!existsSync(folder)) return null;
  const files = readdirSync(folder).filter((f) => f.startsWith(`growth-${size}-`) && f.endsWith(".json")).sort();
  const last = files[files.length - 1];
  return last ? (JSON.parse(readFileSync(path.join(folder, last), "utf8")) as GrowthResult) : null;
}

/** L against XL: each side's growth next to the data's (key results), so "no worse than linear" reads off one column. */
export function formatGrowthComparison(small: GrowthResult, large: GrowthResult): string {
  const dataRatio = (large.counts.key_results ?? NaN) / (small.counts.key_results ?? NaN);
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(b / a).toFixed(1)}x` : "-");
  const ms = (n: number | undefined) => (n === undefined ? "-" : String(Math.round(n)));
  const lines = [
    `Growth from ${small.size} to ${large.size}: the data grows ${dataRatio.toFixed(1)}x (key results; check-ins ${((large.counts.check_ins ?? NaN) / (small.counts.check_ins ?? NaN)).toFixed(1)}x)`,
    "",
    `| op | Keel p50 ${small.size} | ${large.size} | growth | floor p50 ${small.size} | ${large.size} | growth | Keel/floor ${small.size} | ${large.size} | peak RSS MB ${small.size} | ${large.size} |`,
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const l of large.ops) {
    const s = small.ops.find((o) => o.id === l.id);
    lines.push(
      `| ${l.name} | ${ms(s?.keel?.p50)} | ${ms(l.keel?.p50)} | ${ratio(s?.keel?.p50, l.keel?.p50)} | ${ms(s?.floor?.p50)} | ${ms(l.floor?.p50)} | ${ratio(s?.floor?.p50, l.floor?.p50)} | ${ratio(s?.floor?.p50, s?.keel?.p50)} | ${ratio(l.floor?.p50, l.keel?.p50)} | ${Math.round(s?.peakRssMb ?? NaN)} | ${Math.round(l.peakRssMb)} |`,
    );
  }
  return lines.join("\n");
}
