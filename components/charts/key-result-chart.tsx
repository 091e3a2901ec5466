import { formatValue, formatWeek, formatDate } from "@/lib/format";
import type { Direction, KeyResultType } from "@/lib/progress";
import { dateMs, DAY_MS, linear, linePath, paddedDomain, shortNumber } from "./scale";

export type ChartConfidence = "on_track" | "at_risk" | "off_track";

export interface KeyResultChartPoint {
  /** Monday of the check-in's week, YYYY-MM-DD. */
  week: string;
  value: string;
  confidence: ChartConfidence;
}

export interface KeyResultChartProps {
  points: readonly KeyResultChartPoint[];
  start: string;
  target: string;
  direction: Direction;
  type: KeyResultType;
  unit: string;
  /** YYYY-MM-DD. */
  cycleStart: string;
  cycleEnd: string;
  /** The projection to the cycle's end (lib/forecast), drawn as a dashed line from the last check-in. */
  forecast?: { projected: string; at: string; isOffPace: boolean } | null;
  /** Names the key result in the chart's accessible summary. */
  title?: string;
  milestones?: readonly string[];
}

const CONFIDENCE: Record<ChartConfidence, { label: string; colour: string }> = {
  on_track: { label: "On track", colour: "#047857" },
  at_risk: { label: "At risk", colour: "#b45309" },
  off_track: { label: "Off track", colour: "#b91c1c" },
};

const W = 480;
const H = 190;
const PAD = { left: 46, right: 14, top: 14, bottom: 28 };

/** Each confidence has its own shape as well as its colour, so the marks read without colour too. */
function Mark({ x, y, confidence }: { x: number; y: number; confidence: ChartConfidence }) {
  const fill = CONFIDENCE[confidence].colour;
  if (confidence === "on_track") return <circle cx={x} cy={y} r={4.5} fill={fill} stroke="white" strokeWidth={1.5} />;
  if (confidence === "at_risk") return <path d={`M${x} ${y - 6} L${x + 5.5} ${y + 4} L${x - 5.5} ${y + 4} Z`} fill={fill} stroke="white" strokeWidth={1.5} />;
  return <rect x={x - 4.5} y={y - 4.5} width={9} height={9} fill={fill} stroke="white" strokeWidth={1.5} />;
}

/**
 * A key result's value over its cycle: the check-ins as a line with a mark per confidence, the target as a dashed
 * line, and the forecast to the cycle's end. The SVG is one image with a summary for screen readers; the values
 * themselves are in a visually hidden table next to it.
 */
export function KeyResultChart(props: KeyResultChartProps) {
  const { points, start, target, type, unit, cycleStart, cycleEnd, forecast, title, milestones } = props;
  const sorted = [...points].sort((a, b) => a.week.localeCompare(b.week));
  const show = (v: string) => formatValue(v, { type, unit, milestones, target });

  const t0 = dateMs(cycleStart);
  const t1 = Math.max(dateMs(cycleEnd), t0 + DAY_MS);
  const x = linear([t0, t1], [PAD.left, W - PAD.right]);
  const clampX = (ms: number) => x(Math.min(Math.max(ms, t0), t1));

  const numbers = [Number(start), Number(target), ...sorted.map((p) => Number(p.value)), ...(forecast ? [Number(forecast.projected)] : [])];
  const domain: [number, number] = type === "yes_no" ? [-0.1, 1.1] : type === "milestone" ? [-0.2, Number(target) + 0.2] : paddedDomain(numbers);
  const y = linear(domain, [H - PAD.bottom, PAD.top]);

  // The line starts from the start value at the cycle's start, unless the first check-in is already there, or the
  // key result is a threshold (its "start" is only where the value stood when it was written).
  const isThreshold = props.direction === "keep_above" || props.direction === "keep_below";
  const firstWeek = sorted[0] ? dateMs(sorted[0].week) : Infinity;
  const hasAnchor = !isThreshold && (firstWeek > t0 || !sorted.length);
  const marks = sorted.map((p) => ({ x: clampX(dateMs(p.week)), y: y(Number(p.value)) }));
  const line = hasAnchor ? [{ x: clampX(t0), y: y(Number(start)) }, ...marks] : marks;
  const last = line[line.length - 1];
  const forecastEnd = forecast && last ? { x: clampX(dateMs(forecast.at)), y: y(Number(forecast.projected)) } : null;
  const targetY = y(Number(target));
  // Label the lines that mean something, the start and the target, rather than arbitrary fractions of the axis.
  const ticks = type === "yes_no" ? [0, 1] : type === "milestone" ? [0, Number(target)] : [...new Set([Number(start), Number(target)])];

  const latest = sorted[sorted.length - 1];
  const summary = [
    title ? `${title}.` : "Value over the cycle.",
    latest
      ? `${sorted.length} check-in${sorted.length === 1 ? "" : "s"} from ${show(start)} at the start to ${show(latest.value)} in the week of ${formatWeek(latest.week)}, ${CONFIDENCE[latest.confidence].label.toLowerCase()}.`
      : `No check-ins yet; started at ${show(start)}.`,
    `Target ${show(target)} by ${formatDate(cycleEnd)}.`,
    forecast ? `Forecast ${show(forecast.projected)} by ${formatDate(forecast.at)}${forecast.isOffPace ? ", off pace" : ", on pace"}.` : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <figure className="min-w-0" data-testid="key-result-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} className="h-auto w-full" preserveAspectRatio="xMidYMid meet">
        {ticks.map((tick, i) => (
          <g key={i}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} fill="#475569">
              {type === "yes_no" ? (tick >= 1 ? "Yes" : "No") : shortNumber(tick)}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={targetY} y2={targetY} stroke="#4338ca" strokeWidth={1.5} strokeDasharray="6 4" />
        <text x={W - PAD.right} y={targetY - 5} textAnchor="end" fontSize={11} fill="#3730a3">
          Target {show(target)}
        </text>
        {forecastEnd && last ? (
          <path d={linePath([last, forecastEnd])} fill="none" stroke={forecast?.isOffPace ? "#b91c1c" : "#475569"} strokeWidth={1.5} strokeDasharray="3 4" />
        ) : null}
        {line.length > 1 ? <path d={linePath(line)} fill="none" stroke="#1e293b" strokeWidth={2} strokeLinejoin="round" /> : null}
        {hasAnchor ? <circle cx={line[0]!.x} cy={line[0]!.y} r={3} fill="white" stroke="#475569" strokeWidth={1.5} /> : null}
        {sorted.map((p, i) => (
          <Mark key={p.week} x={marks[i]!.x} y={marks[i]!.y} confidence={p.confidence} />
        ))}
        <text x={PAD.left} y={H - 8} fontSize={11} fill="#475569">
          {formatDate(cycleStart)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize={11} fill="#475569">
          {formatDate(cycleEnd)}
        </text>
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700" aria-hidden>
        {(Object.keys(CONFIDENCE) as ChartConfidence[]).map((c) => (
          <span key={c} className="inline-flex items-center gap-1">
            <svg viewBox="-7 -7 14 14" className="size-3">
              <Mark x={0} y={0} confidence={c} />
            </svg>
            {CONFIDENCE[c].label}
          </span>
        ))}
        <span className="inline-flex items-center gap-1">
          <svg viewBox="0 0 16 4" className="h-1 w-4">
            <line x1={0} x2={16} y1={2} y2={2} stroke="#4338ca" strokeWidth={2} strokeDasharray="4 2" />
          </svg>
          Target
        </span>
        {forecast ? (
          <span className="inline-flex items-center gap-1">
            <svg viewBox="0 0 16 4" className="h-1 w-4">
              <line x1={0} x2={16} y1={2} y2={2} stroke={forecast.isOffPace ? "#b91c1c" : "#475569"} strokeWidth={2} strokeDasharray="2 2" />
            </svg>
            Forecast
          </span>
        ) : null}
      </figcaption>
      <table className="sr-only">
        <caption>{title ? `Check-ins of ${title}` : "Check-ins"}</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Value</th>
            <th scope="col">Confidence</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.week}>
              <td>{formatWeek(p.week)}</td>
              <td>{show(p.value)}</td>
              <td>{CONFIDENCE[p.confidence].label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
