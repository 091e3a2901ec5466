import { KeyResultChart, type KeyResultChartPoint } from "@/components/charts/key-result-chart";
import { ProgressNoteText } from "@/components/key-results/progress-note";
import { explainForecast, forecastKeyResult } from "@/lib/forecast";
import { keyResultProgress, type Direction, type KeyResultType } from "@/lib/progress";
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
  };
  points: KeyResultChartPoint[];
  cycleStart: string;
  cycleEnd: string;
  showForecast: boolean;
}

/**
 * A key result's standing beyond its progress bar (over-achievement, a threshold's margin), then its values over
 * the cycle against its target, with the forecast to the cycle's end in words.
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
  const forecast = showForecast ? forecastKeyResult({ points, start, target, type: kr.type, direction: kr.direction, cycleStart, cycleEnd }) : null;
  return (
    <>
      {standing}
      <div className="mt-2 grid max-w-xl gap-1" data-testid="kr-trend">
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
        {forecast ? (
          <p className={`text-xs ${forecast.isOffPace ? "font-medium text-red-800" : "text-slate-700"}`}>
            {explainForecast(forecast, { type: kr.type, direction: kr.direction, unit: kr.unit, target, milestones: kr.milestones })}
          </p>
        ) : null}
      </div>
    </>
  );
}
