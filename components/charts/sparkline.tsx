import { formatWeek } from "@/lib/format";
import { linear, linePath } from "./scale";

export interface SparklinePoint {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  /** Progress 0-100. */
  progress: number;
}

const W = 120;
const H = 32;
const PAD = 3;

/** An objective's progress week by week, small enough to sit next to its title; the values are in a hidden list. */
export function Sparkline({ points, label }: { points: readonly SparklinePoint[]; label: string }) {
  const sorted = [...points].sort((a, b) => a.week.localeCompare(b.week));
  const x = linear([0, Math.max(1, sorted.length - 1)], [PAD, W - PAD]);
  const y = linear([0, 100], [H - PAD, PAD]);
  const line = sorted.map((p, i) => ({ x: x(i), y: y(Math.max(0, Math.min(100, p.progress))) }));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const summary = first && last
    ? `${label}: ${Math.round(last.progress)}% in the week of ${formatWeek(last.week)}, from ${Math.round(first.progress)}% ${sorted.length - 1} week${sorted.length === 2 ? "" : "s"} before`
    : `${label}: no history yet`;
  const end = line[line.length - 1];
  return (
    <span className="inline-flex items-center" data-testid="sparkline">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={summary}>
        <line x1={PAD} x2={W - PAD} y1={y(100)} y2={y(100)} stroke="#e2e8f0" strokeWidth={1} />
        <line x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} stroke="#e2e8f0" strokeWidth={1} />
        {line.length > 1 ? <path d={linePath(line)} fill="none" stroke="#4338ca" strokeWidth={1.75} strokeLinejoin="round" /> : null}
        {end ? <circle cx={end.x} cy={end.y} r={2.5} fill="#4338ca" /> : null}
      </svg>
      <ul className="sr-only">
        {sorted.map((p) => (
          <li key={p.week}>
            Week of {formatWeek(p.week)}: {Math.round(p.progress)}%
          </li>
        ))}
      </ul>
    </span>
  );
}
