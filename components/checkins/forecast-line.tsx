import { explainForecast, type Forecast } from "@/lib/forecast";
import type { Confidence, Direction, KeyResultType } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/badge";

interface Props {
  forecast: Forecast;
  kr: { type: KeyResultType; direction: Direction; unit: string; target: string; milestones?: readonly string[] };
  /** The confidence shown beside the forecast: the sentence says so when the pace disagrees with it. */
  confidence: Confidence | null | undefined;
  className?: string;
}

/**
 * The forecast in words, with the "Off pace" badge in front when it misses: visible text rather than a tooltip, so
 * keyboard and screen reader users get the reason with the badge.
 */
export function ForecastLine({ forecast, kr, confidence, className = "" }: Props) {
  return (
    <p data-testid="forecast" className={`text-sm ${forecast.isOffPace ? "text-red-800" : "text-slate-700"} ${className}`}>
      {forecast.isOffPace ? <Badge tone="danger" className="mr-1">Off pace</Badge> : null}
      {explainForecast(forecast, { ...kr, confidence })}
    </p>
  );
}
