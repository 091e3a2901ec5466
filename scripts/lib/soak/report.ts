import type { Attempt, WriteKind } from "./load";
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
export function printReport(input: { seconds: number; clients: number; attempts: Attempt[]; faults: FaultRecord[]; verdict: Verdict }): boolean {
  const { attempts, faults, verdict } = input;
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

  const kinds: WriteKind[] = ["api-check-in", "my-week", "comment"];
  const reads = attempts.filter((a) => a.kind === "read");
  console.log(`\nSoak: ${input.seconds} s, ${input.clients} clients, ${attempts.length} HTTP requests (${reads.filter((a) => a.status === 200).length} of ${reads.length} page reads answered 200)\n`);
  console.log(
    table(
      ["change", "requested", "acknowledged", "lost", "duplicated", "partial", "audit mismatch", "retried", "replayed", "landed unacknowledged"],
      kinds.map((k) => {
        const t = verdict.byKind[k];
        return [k, t.requested, t.acknowledged, t.lost, t.duplicated, t.partial, t.auditMismatches, t.retried, k === "api-check-in" ? t.replayed : "-", t.landedUnacknowledged];
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
  const failed = verdict.problems.length > 0 || faults.some((f) => f.recoveredMs === null);
  if (verdict.problems.length) {
    console.log(`\nFAILED: ${verdict.problems.length} problem${verdict.problems.length === 1 ? "" : "s"}`);
    for (const p of verdict.problems.slice(0, 50)) console.log(`  - ${p}`);
  } else if (failed) {
    console.log("\nFAILED: the service did not recover after every fault");
  } else {
    console.log("\nPASSED: every acknowledged change is in the database exactly once, with one audit event each; every job ran once");
  }
  return !failed;
}
