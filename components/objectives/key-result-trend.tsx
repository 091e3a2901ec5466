import { KeyResultChart, type KeyResultChartPoint } from "@/components/charts/key-result-chart";
import { ProgressNoteText } from "@/components/key-results/progress-note";
import { ForecastLine } from "@/components/checkins/forecast-line";
import { forecastKeyResult } from "@/lib/forecast";
import type { Confidence, Direction, KeyResultType } from "@/lib/generated/prisma/enums";
import { keyResultProgress } from "@/lib/progress";
import { describeProgress } from "@/lib/progress/describe";

interface Props {
  keyResult: {
    title: string;
    type: KeyResultType;
    direction: Direction;
    startValue: { toString(): string };
    targetValue: { toString(): string };
    currentValue: { toString(): string };
    unit: string;
    milestones: string[];
    confidence: Confidence | null;
  };
  points: KeyResultChartPoint[];
  cycleStart: string;
  cycleEnd: string;
  showForecast: boolean;
}

/**
 * A key result's standing beyond its progress bar (over-achievement, a threshold's margin), then its values over
 * the cycle against its target, with the forecast to the cycle's end in words (only once there is a pace to tell).
 */
export function KeyResultTrend({ keyResult: kr, points, cycleStart, cycleEnd, showForecast }: Props) {
  const start = kr.startValue.toString();
  const target = kr.targetValue.toString();
  const note = describeProgress(keyResultProgress({ type: kr.type, direction: kr.direction, start, target, current: kr.currentValue }), kr);
  // Shown even before the first check-in: a threshold holds or not from the start value on.
  const standing = note ? (
    <p className="mt-1 text-xs" data-testid="kr-standing">
      <ProgressNoteText note={note} />
    </p>
  ) : null;
  if (!points.length) return standing;
  const forecast = showForecast ? forecastKeyResult({ points, start, target, type: kr.type, direction: kr.direction, cycleEnd }) : null;
  return (
    <>
      {standing}
      <div className="mt-2 grid gap-1" data-testid="kr-trend">
        <KeyResultChart
          points={points}
          start={start}
          target={target}
          direction={kr.direction}
          type={kr.type}
          unit={kr.unit}
          cycleStart={cycleStart}
          cycleEnd={cycleEnd}
          forecast={forecast}
          title={kr.title}
          milestones={kr.milestones}
        />
        {forecast ? <ForecastLine forecast={forecast} kr={{ type: kr.type, direction: kr.direction, unit: kr.unit, target, milestones: kr.milestones }} confidence={kr.confidence} /> : null}
      </div>
    </>
  );
}
