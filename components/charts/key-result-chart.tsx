import { CONFIDENCE_LABEL, formatDate, formatValue, formatWeek, plural, YES_NO_LABEL } from "@/lib/format";
import type { Confidence, Direction, KeyResultType } from "@/lib/generated/prisma/enums";
import { dateMs, DAY_MS, linear, linePath, paddedDomain, shortNumber } from "./scale";

export type ChartConfidence = Confidence;

export interface KeyResultChartPoint {
  /** Monday of the check-in's week, YYYY-MM-DD. */
  week: string;
  value: string;
  confidence: ChartConfidence;
  /** Who recorded it when not a person: "Data source: Shop stats", an organisation token's name. */
  source?: string | null;
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
  on_track: { label: CONFIDENCE_LABEL.on_track, colour: "#047857" },
  at_risk: { label: CONFIDENCE_LABEL.at_risk, colour: "#b45309" },
  off_track: { label: CONFIDENCE_LABEL.off_track, colour: "#b91c1c" },
};

// The plot is drawn in a 1000 x 100 box stretched over the card's whole width; text and marks are HTML laid over
// it, so labels keep their real size (12 px) and marks their shape however wide the card is.
const W = 1000;
const H = 100;

const pct = (value: number, of: number) => `${((value / of) * 100).toFixed(2)}%`;

/** Each confidence has its own shape as well as its colour, so the marks read without colour too. */
function Mark({ x, y, confidence }: { x: number; y: number; confidence: ChartConfidence }) {
  const fill = CONFIDENCE[confidence].colour;
  if (confidence === "on_track") return <circle cx={x} cy={y} r={4.5} fill={fill} stroke="white" strokeWidth={1.5} />;
  if (confidence === "at_risk") return <path d={`M${x} ${y - 6} L${x + 5.5} ${y + 4} L${x - 5.5} ${y + 4} Z`} fill={fill} stroke="white" strokeWidth={1.5} />;
  return <rect x={x - 4.5} y={y - 4.5} width={9} height={9} fill={fill} stroke="white" strokeWidth={1.5} />;
}

/** The start value at the cycle's start: an open ring, not a check-in. */
function Dot({ at }: { at: { x: number; y: number } }) {
  return (
    <svg viewBox="-5 -5 10 10" className="absolute size-2.5 -translate-x-1/2 -translate-y-1/2 overflow-visible" style={{ left: pct(at.x, W), top: pct(at.y, H) }} aria-hidden>
      <circle r={3} fill="white" stroke="#475569" strokeWidth={1.5} />
    </svg>
  );
}

/**
 * A key result's value over its cycle: the check-ins as a line with a mark per confidence, the target as a dashed
 * line, and the forecast to the cycle's end, across the card's full width. The plot is one image with a summary
 * for screen readers; the values themselves are in a visually hidden table next to it.
 */
export function KeyResultChart(props: KeyResultChartProps) {
  const { points, start, target, type, unit, cycleStart, cycleEnd, forecast, title, milestones } = props;
  const sorted = [...points].sort((a, b) => a.week.localeCompare(b.week));
  const sources = [...new Set(sorted.flatMap((p) => (p.source ? [p.source] : [])))];
  // A past count of initiatives done is said without a total: the total then is not kept, and today's would lie.
  const show = (v: string) => formatValue(v, type === "initiatives" ? { type, unit } : { type, unit, milestones, target });

  const t0 = dateMs(cycleStart);
  const t1 = Math.max(dateMs(cycleEnd), t0 + DAY_MS);
  const x = linear([t0, t1], [0, W]);
  const clampX = (ms: number) => x(Math.min(Math.max(ms, t0), t1));

  const numbers = [Number(start), Number(target), ...sorted.map((p) => Number(p.value)), ...(forecast ? [Number(forecast.projected)] : [])];
  const domain: [number, number] = type === "yes_no" ? [-0.1, 1.1] : type === "milestone" ? [-0.2, Number(target) + 0.2] : paddedDomain(numbers);
  const y = linear(domain, [H, 0]);

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
  const tickLabel = (tick: number) => (type === "yes_no" ? (tick >= 1 ? YES_NO_LABEL.done : YES_NO_LABEL.notDone) : shortNumber(tick));

  const latest = sorted[sorted.length - 1];
  const summary = [
    title ? `${title}.` : "Value over the cycle.",
    latest
      ? `${plural(sorted.length, "check-in")} from ${show(start)} at the start to ${show(latest.value)} in the week of ${formatWeek(latest.week)}, ${CONFIDENCE[latest.confidence].label.toLowerCase()}.`
      : `No check-ins yet; started at ${show(start)}.`,
    `Target ${show(target)} by ${formatDate(cycleEnd)}.`,
    forecast ? `Forecast ${show(forecast.projected)} by ${formatDate(forecast.at)}${forecast.isOffPace ? ", off pace" : ", on pace"}.` : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <figure className="min-w-0" data-testid="key-result-chart">
      <div role="img" aria-label={summary} className="relative h-48 w-full text-xs text-slate-700">
        <div className="absolute top-3 right-3 bottom-7 left-16">
          <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="absolute inset-0 size-full overflow-visible" aria-hidden>
            {ticks.map((tick, i) => (
              <line key={i} x1={0} x2={W} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" strokeWidth={1} vectorEffect="non-scaling-stroke" />
            ))}
            <line x1={0} x2={W} y1={targetY} y2={targetY} stroke="#4338ca" strokeWidth={1.5} strokeDasharray="6 4" vectorEffect="non-scaling-stroke" />
            {forecastEnd && last ? (
              <path d={linePath([last, forecastEnd])} fill="none" stroke={forecast?.isOffPace ? "#b91c1c" : "#475569"} strokeWidth={1.5} strokeDasharray="3 4" vectorEffect="non-scaling-stroke" />
            ) : null}
            {line.length > 1 ? <path d={linePath(line)} fill="none" stroke="#1e293b" strokeWidth={2} strokeLinejoin="round" vectorEffect="non-scaling-stroke" /> : null}
          </svg>
          {ticks.map((tick, i) => (
            <span key={i} className="absolute right-full mr-2 -translate-y-1/2 whitespace-nowrap tabular-nums" style={{ top: pct(y(tick), H) }}>
              {tickLabel(tick)}
            </span>
          ))}
          <span className="absolute right-0 -translate-y-full pb-0.5 font-medium whitespace-nowrap text-indigo-800" style={{ top: pct(targetY, H) }}>
            Target {show(target)}
          </span>
          {hasAnchor ? <Dot at={line[0]!} /> : null}
          {sorted.map((p, i) => (
            <svg key={p.week} viewBox="-7 -7 14 14" className="absolute size-3.5 -translate-x-1/2 -translate-y-1/2 overflow-visible" style={{ left: pct(marks[i]!.x, W), top: pct(marks[i]!.y, H) }} aria-hidden>
              <Mark x={0} y={0} confidence={p.confidence} />
              {p.source ? <circle r={6.5} fill="none" stroke="#0f172a" strokeWidth={1} strokeDasharray="2 1.5" /> : null}
            </svg>
          ))}
          <span className="absolute top-full left-0 mt-1.5 whitespace-nowrap">{formatDate(cycleStart)}</span>
          <span className="absolute top-full right-0 mt-1.5 whitespace-nowrap">{formatDate(cycleEnd)}</span>
        </div>
      </div>
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
        {sources.length ? (
          <span className="inline-flex items-center gap-1" data-testid="chart-sources">
            <svg viewBox="-7 -7 14 14" className="size-3">
              <circle r={6} fill="none" stroke="#0f172a" strokeWidth={1} strokeDasharray="2 1.5" />
            </svg>
            Read by {sources.join(", ")}
          </span>
        ) : null}
        {forecast ? (
          <span className="inline-flex items-center gap-1">
            <svg viewBox="0 0 16 4" className="h-1 w-4">
              <line x1={0} x2={16} y1={2} y2={2} stroke={forecast.isOffPace ? "#b91c1c" : "#475569"} strokeWidth={2} strokeDasharray="2 2" />
            </svg>
            Forecast
          </span>
        ) : null}
      </figcaption>
      {/* A table ignores a 1px width, so the clipping box is a div around it; otherwise it widens the page. */}
      <div className="sr-only">
        <table>
          <caption>{title ? `Check-ins of ${title}` : "Check-ins"}</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Value</th>
              <th scope="col">Confidence</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={p.week}>
                <td>{formatWeek(p.week)}</td>
                <td>{show(p.value)}</td>
                <td>{CONFIDENCE[p.confidence].label}</td>
                <td>{p.source ?? "the owner or a lead"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
