import { KeyResultChart, type KeyResultChartPoint } from "@/components/charts/key-result-chart";
import { explainForecast, forecastKeyResult } from "@/lib/forecast";
import type { Direction, KeyResultType } from "@/lib/progress";

interface Props {
  keyResult: { title: string; type: KeyResultType; direction: Direction; startValue: { toString(): string }; targetValue: { toString(): string }; unit: string; milestones: string[] };
  points: KeyResultChartPoint[];
  cycleStart: string;
  cycleEnd: string;
  showForecast: boolean;
}

/** A key result's values over the cycle against its target, with the forecast to the cycle's end in words. */
export function KeyResultTrend({ keyResult: kr, points, cycleStart, cycleEnd, showForecast }: Props) {
  if (!points.length) return null;
  const start = kr.startValue.toString();
  const target = kr.targetValue.toString();
  const forecast = showForecast ? forecastKeyResult({ points, start, target, type: kr.type, direction: kr.direction, cycleStart, cycleEnd }) : null;
  return (
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
  );
}
