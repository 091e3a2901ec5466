import type { Confidence } from "@/lib/generated/prisma/enums";
import { CONFIDENCE_LABEL, formatDate, formatValue, plural } from "@/lib/format";
import { addWeeks, daysBetween, isoDate, mondayOf, parseIsoDate } from "@/lib/dates/week";
import { dec, Decimal, keyResultProgress, round4, ZERO, type DecimalInput, type Direction, type KeyResultType } from "@/lib/progress";

/** How many weeks of check-ins the pace is measured over: recent enough to reflect the current pace. */
export const FORECAST_WINDOW_WEEKS = 6;
/** A pace needs at least this many check-ins... */
export const FORECAST_MIN_CHECK_INS = 3;
/** ...spread over at least this many days (two weeks), so one busy week is not taken for a trend. */
export const FORECAST_MIN_SPAN_DAYS = 14;

export interface ForecastInput {
  /** Check-ins of the cycle: the Monday of their week and the value. Any order. */
  points: readonly { week: string | Date; value: DecimalInput }[];
  start: DecimalInput;
  target: DecimalInput;
  type: KeyResultType;
  direction: Direction;
  cycleEnd: string | Date;
  windowWeeks?: number;
}

export interface Forecast {
  /** The value the line reaches on the cycle's last day (4 decimals). */
  projected: string;
  /** Progress (0-100) the projected value would mean. */
  projectedProgress: number;
  /** The cycle's last day, YYYY-MM-DD. */
  at: string;
  /** How many weeks of history the pace was measured over. */
  weeks: number;
  /** Change per week along the fitted line (4 decimals). */
  perWeek: string;
  /** True when the projection misses the target (or ends on the wrong side of a threshold). */
  isOffPace: boolean;
  /** Decimals the key result's own numbers use: how precisely the projection is worth showing. */
  decimals: number;
}

const asDate = (d: string | Date): Date => (d instanceof Date ? d : (parseIsoDate(d) ?? new Date(Number.NaN)));

type Point = { week: Date; value: Decimal };
const spanDays = (points: readonly Point[]) => (points.length ? daysBetween(points[0]!.week, points[points.length - 1]!.week) : 0);
const isEnough = (points: readonly Point[]) => points.length >= FORECAST_MIN_CHECK_INS && spanDays(points) >= FORECAST_MIN_SPAN_DAYS;

/**
 * Projects a key result to the end of its cycle with a least-squares line through its recent check-ins: those of the
 * last six weeks, widened back towards the first check-in until there are enough to call a pace. The pace is
 * measured from the key result's own check-ins only: the weeks before its first check-in (a late start, a key
 * result added mid-cycle) do not count as weeks without progress, and the start value is not taken for a check-in.
 * It says nothing with fewer than three check-ins or when they span less than two weeks, and nothing for yes/no
 * key results, which have no pace. Milestones are bounded by 0 and their count.
 */
export function forecastKeyResult(input: ForecastInput): Forecast | null {
  // A pace means nothing for yes/no, nor for a count of initiatives whose total moves as work is added or dropped.
  if (input.type === "yes_no" || input.type === "initiatives") return null;
  const windowWeeks = input.windowWeeks ?? FORECAST_WINDOW_WEEKS;
  const cycleEnd = asDate(input.cycleEnd);
  if (Number.isNaN(cycleEnd.getTime())) return null;

  const sorted: Point[] = input.points
    .map((p) => ({ week: mondayOf(asDate(p.week)), value: dec(p.value) }))
    .filter((p) => !Number.isNaN(p.week.getTime()))
    .sort((a, b) => a.week.getTime() - b.week.getTime());
  if (!isEnough(sorted)) return null;

  const last = sorted[sorted.length - 1]!;
  const windowStart = addWeeks(last.week, -(windowWeeks - 1));
  let from = sorted.findIndex((p) => p.week >= windowStart);
  while (from > 0 && !isEnough(sorted.slice(from))) from -= 1;
  const used = sorted.slice(from);
  const origin = used[0]!.week;

  const xs = used.map((p) => new Decimal(daysBetween(origin, p.week)));
  const ys = used.map((p) => p.value);
  const n = new Decimal(used.length);
  const sumX = xs.reduce((s, x) => s.plus(x), ZERO);
  const sumY = ys.reduce((s, y) => s.plus(y), ZERO);
  const sumXX = xs.reduce((s, x) => s.plus(x.times(x)), ZERO);
  const sumXY = xs.reduce((s, x, i) => s.plus(x.times(ys[i]!)), ZERO);
  const denominator = n.times(sumXX).minus(sumX.times(sumX));
  if (denominator.isZero()) return null;
  const slope = n.times(sumXY).minus(sumX.times(sumY)).dividedBy(denominator);
  const intercept = sumY.minus(slope.times(sumX)).dividedBy(n);

  let projected = intercept.plus(slope.times(daysBetween(origin, cycleEnd)));
  if (input.type === "milestone") projected = Decimal.max(ZERO, Decimal.min(dec(input.target), projected));

  const outcome = keyResultProgress({ type: input.type, direction: input.direction, start: input.start, target: input.target, current: projected });
  const isThreshold = input.direction === "keep_above" || input.direction === "keep_below";
  return {
    projected: round4(projected),
    projectedProgress: Number(round4(outcome.progress)),
    at: isoDate(cycleEnd),
    weeks: Math.round(spanDays(used) / 7) + 1,
    perWeek: round4(slope.times(7)),
    isOffPace: isThreshold ? !outcome.isMet : outcome.progress.lessThan(100),
    decimals: Math.min(4, Math.max(dec(input.start).decimalPlaces(), dec(input.target).decimalPlaces(), ...sorted.map((p) => p.value.decimalPlaces()))),
  };
}

/**
 * The forecast in one sentence, as the page shows it next to the chart and the confidence chip. When the pace and
 * the owner's confidence disagree it says both, so the sentence never contradicts the chip without saying why.
 */
export function explainForecast(
  forecast: Forecast,
  kr: { type: KeyResultType; direction: Direction; unit: string; target: string; milestones?: readonly string[]; confidence?: Confidence | null },
): string {
  const show = (v: string) => formatValue(v, kr);
  const lead = `At the pace of the last ${plural(forecast.weeks, "week")}, this reaches`;
  const disagrees = kr.confidence ? (forecast.isOffPace ? kr.confidence === "on_track" : kr.confidence !== "on_track") : false;
  const owner = disagrees && kr.confidence ? `, though the owner says ${CONFIDENCE_LABEL[kr.confidence].toLowerCase()}` : "";
  const onPace = disagrees ? "on track by pace" : "on pace";
  if (kr.type === "milestone") {
    const count = kr.milestones?.length || Number(kr.target);
    const reached = dec(forecast.projected).floor().toFixed(0);
    const pace = `${lead} ${reached} of ${plural(count, "milestone")} by ${formatDate(forecast.at)}`;
    return forecast.isOffPace ? `${pace}, short of all ${count}: off pace${owner}.` : `${pace}: ${onPace}${owner}.`;
  }
  // The projection is shown as precisely as the key result's own numbers are written, no more.
  const pace = `${lead} ${show(dec(forecast.projected).toDecimalPlaces(forecast.decimals).toFixed())} by ${formatDate(forecast.at)}`;
  if (kr.direction === "keep_above" || kr.direction === "keep_below") {
    const side = kr.direction === "keep_above" ? "above" : "below";
    return forecast.isOffPace ? `${pace}, no longer ${side} ${show(kr.target)}: off pace${owner}.` : `${pace}, still ${side} ${show(kr.target)}: ${onPace}${owner}.`;
  }
  return forecast.isOffPace
    ? `${pace}, short of the target of ${show(kr.target)}: off pace${owner}.`
    : `${pace}: ${onPace} for the target of ${show(kr.target)}${owner}.`;
}
