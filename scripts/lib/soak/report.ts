import type { Attempt, WriteKind, WriteRecord } from "./load";
import type { Verdict } from "./verify";

export interface FaultRecord {
  name: string;
  start: number;
  end: number;
  detail: string;
  /** From the fault's start to the first successful request sent after it; null when none succeeded. */
  recoveredMs: number | null;
  fiveXx: number;
  noAnswer: number;
}

/** After a fault has recovered, answers are still counted as its own for this long (stragglers, health checks). */
const SETTLE_MS = 5_000;

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

const seconds = (ms: number | null) => (ms === null ? "never" : `${(ms / 1000).toFixed(2)} s`);

/** Prints the soak's tables (Markdown, to paste into the README) and returns whether the run passed. */
export function printReport(input: { seconds: number; clients: number; attempts: Attempt[]; writes: WriteRecord[]; faults: FaultRecord[]; verdict: Verdict }): boolean {
  const { attempts, writes, faults, verdict } = input;
  const windows = faults.map((f) => ({ fault: f, from: f.start, to: Math.max(f.end, f.start + (f.recoveredMs ?? 0)) + SETTLE_MS }));
  const isFailure = (a: Attempt) => a.status === "error" || a.status >= 500;
  let fiveXxOutside = 0;
  let noAnswerOutside = 0;
  for (const a of attempts) {
    if (!isFailure(a)) continue;
    const window = windows.find((w) => a.end >= w.from && a.end <= w.to);
    if (window) {
      if (a.status === "error") window.fault.noAnswer += 1;
      else window.fault.fiveXx += 1;
    } else if (a.status === "error") noAnswerOutside += 1;
    else fiveXxOutside += 1;
  }

  // Between faults the service must answer every request: a refusal there is a fault of Keel's own.
  const inFault = (at: number) => windows.some((w) => at >= w.from && at <= w.to);
  const refusedOutside = writes.filter((w) => !w.acknowledged && !inFault(w.finishedAt ?? 0));
  const readsFailedOutside = attempts.filter((a) => a.kind === "read" && a.status !== 200 && !inFault(a.end)).length;

  const kinds: WriteKind[] = ["api-check-in", "my-week", "comment"];
  const reads = attempts.filter((a) => a.kind === "read");
  console.log(`\nSoak: ${input.seconds} s, ${input.clients} clients, ${attempts.length} HTTP requests (${reads.filter((a) => a.status === 200).length} of ${reads.length} page reads answered 200)\n`);
  console.log(
    table(
      ["change", "requested", "acknowledged", "refused outside faults", "lost", "duplicated", "partial", "audit mismatch", "retried", "replayed", "landed unacknowledged"],
      kinds.map((k) => {
        const t = verdict.byKind[k];
        return [k, t.requested, t.acknowledged, refusedOutside.filter((w) => w.kind === k).length, t.lost, t.duplicated, t.partial, t.auditMismatches, t.retried, k === "api-check-in" ? t.replayed : "-", t.landedUnacknowledged];
      }),
    ),
  );
  console.log("");
  console.log(
    table(
      ["fault", "at", "recovered after", "5xx", "no answer", "what happened"],
      [
        ...faults.map((f) => [f.name, `${((f.start - (attempts[0]?.start ?? f.start)) / 1000).toFixed(0)} s`, seconds(f.recoveredMs), f.fiveXx, f.noAnswer, f.detail]),
        ["(outside faults)", "", "", fiveXxOutside, noAnswerOutside, ""],
      ],
    ),
  );
  const reasons = new Map<string, number>();
  for (const a of attempts) if (a.status === "error") reasons.set(`${a.kind}: ${a.error}`, (reasons.get(`${a.kind}: ${a.error}`) ?? 0) + 1);
  if (reasons.size) console.log(`\nNo answer: ${[...reasons].map(([reason, n]) => `${n} × ${reason}`).join("; ")}`);
  const j = verdict.jobs;
  console.log(
    `\nJobs: ${j.sent} reminder runs queued, ${j.completed} completed (${j.retriedByQueue} retried by pg-boss); ${j.deliveries} reminder/digest claims, ${j.mails} mails, ${j.duplicateMails} duplicated`,
  );
  const problems = [...verdict.problems];
  if (fiveXxOutside + noAnswerOutside > 0) problems.push(`${fiveXxOutside} answers 5xx and ${noAnswerOutside} without an answer outside any fault`);
  if (readsFailedOutside > 0) problems.push(`${readsFailedOutside} page reads did not answer 200 outside any fault`);
  for (const w of refusedOutside.slice(0, 10)) problems.push(`${w.kind} ${w.marker} refused outside any fault: ${w.lastOutcome ?? "no outcome"}`);
  for (const f of faults) if (f.recoveredMs === null) problems.push(`no request succeeded after ${f.name} at ${new Date(f.start).toISOString()}`);
  const failed = problems.length > 0;
  if (failed) {
    console.log(`\nFAILED: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    for (const p of problems.slice(0, 50)) console.log(`  - ${p.replace(/\s+/g, " ").slice(0, 400)}`);
  } else {
    console.log("\nPASSED: every acknowledged change is in the database exactly once, with one audit event each; every job ran once; nothing failed between faults");
  }
  return !failed;
}
