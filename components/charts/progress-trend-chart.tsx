import { formatDate, formatWeek } from "@/lib/format";
import { dateMs, DAY_MS, linear, linePath } from "./scale";
import type { SparklinePoint } from "./sparkline";

const W = 560;
const H = 180;
const PAD = { left: 40, right: 14, top: 12, bottom: 28 };

/**
 * Progress (0-100 %) week by week across a cycle, with the straight "expected pace" line from 0 at the start to
 * 100 at the end for comparison: a team's trend. The values are in a visually hidden table.
 */
export function ProgressTrendChart({ points, label, cycleStart, cycleEnd }: { points: readonly SparklinePoint[]; label: string; cycleStart: string; cycleEnd: string }) {
  const sorted = [...points].sort((a, b) => a.week.localeCompare(b.week));
  const t0 = dateMs(cycleStart);
  const t1 = Math.max(dateMs(cycleEnd), t0 + DAY_MS);
  const x = linear([t0, t1], [PAD.left, W - PAD.right]);
  const clampX = (ms: number) => x(Math.min(Math.max(ms, t0), t1));
  const y = linear([0, 100], [H - PAD.bottom, PAD.top]);
  const line = sorted.map((p) => ({ x: clampX(dateMs(p.week)), y: y(Math.max(0, Math.min(100, p.progress))) }));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const summary =
    first && last
      ? `${label}: ${Math.round(last.progress)}% in the week of ${formatWeek(last.week)}, up from ${Math.round(first.progress)}% in the week of ${formatWeek(first.week)}. The cycle runs to ${formatDate(cycleEnd)}.`
      : `${label}: no progress recorded yet.`;
  return (
    <figure data-testid="progress-trend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} className="h-auto w-full">
        {[0, 50, 100].map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} fill="#475569">
              {tick}%
            </text>
          </g>
        ))}
        <path d={linePath([{ x: x(t0), y: y(0) }, { x: x(t1), y: y(100) }])} stroke="#94a3b8" strokeDasharray="4 4" fill="none" />
        {line.length > 1 ? <path d={linePath(line)} fill="none" stroke="#4338ca" strokeWidth={2} strokeLinejoin="round" /> : null}
        {line.map((p, i) => (
          <circle key={sorted[i]!.week} cx={p.x} cy={p.y} r={3} fill="#4338ca" />
        ))}
        <text x={PAD.left} y={H - 8} fontSize={11} fill="#475569">
          {formatDate(cycleStart)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize={11} fill="#475569">
          {formatDate(cycleEnd)}
        </text>
      </svg>
      <figcaption className="mt-1 text-xs text-slate-700">Solid: progress each week. Dashed: an even pace from 0% at the start to 100% at the end.</figcaption>
      {/* A table ignores a 1px width, so the clipping box is a div around it; otherwise it widens the page. */}
      <div className="sr-only">
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={p.week}>
                <td>{formatWeek(p.week)}</td>
                <td>{Math.round(p.progress)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
