import { CardSection } from "@/components/ui/card";
import type { ObjectiveCoach } from "@/lib/quality/queries";
import { evaluate, type ObjectiveLevelName } from "@/lib/quality/rules";

type Value = { toString(): string };

export interface ObjectiveForQuality {
  title: string;
  whyItMatters: string;
  level: ObjectiveLevelName;
  teamId: string | null;
  state: string;
  keyResults: { id: string; title: string; type: string; direction: string; startValue: Value; targetValue: Value; unit: string }[];
}

/**
 * The quality coach on an objective's page: what the rules the organisation left on suggest for this objective and
 * its key results. Nothing at all when there is nothing to suggest, or when the objective was abandoned.
 * `coach` comes from loadObjectiveCoach (lib/quality/queries.ts).
 */
export function ObjectiveQuality({ objective, coach }: { objective: ObjectiveForQuality; coach: ObjectiveCoach }) {
  if (objective.state === "abandoned") return null;
  const flags = evaluate(
    {
      objective: {
        title: objective.title,
        whyItMatters: objective.whyItMatters,
        level: objective.level,
        teamId: objective.teamId,
        isAligned: coach.isAligned,
        teamObjectiveCount: objective.teamId ? (coach.teamObjectiveCounts[objective.teamId] ?? 0) : undefined,
      },
      keyResults: objective.keyResults.map((kr) => ({
        title: kr.title,
        type: kr.type,
        direction: kr.direction,
        startValue: kr.startValue.toString(),
        targetValue: kr.targetValue.toString(),
        unit: kr.unit,
        ownerTeam: coach.ownerTeams[kr.id],
      })),
      limits: coach.limits,
    },
    { disabled: coach.disabledRules },
  );
  if (!flags.length) return null;
  return (
    <CardSection aria-labelledby="quality-coach-heading" data-testid="objective-quality">
      <h2 id="quality-coach-heading" className="text-base font-semibold">
        Quality coach
      </h2>
      <p className="mt-1 text-sm text-slate-700">Suggestions, not requirements: the organisation chooses which rules apply.</p>
      <ul className="mt-3 space-y-2 text-sm">
        {flags.map((flag) => {
          const keyResult = flag.keyResultIndex === undefined ? null : objective.keyResults[flag.keyResultIndex];
          return (
            <li key={`${flag.ruleId}-${flag.keyResultIndex ?? ""}`}>
              <span className="font-medium text-slate-900">
                {flag.label}
                {keyResult ? ` · “${keyResult.title}”` : ""}:
              </span>{" "}
              <span className="text-slate-800">{flag.suggestion}</span>
            </li>
          );
        })}
      </ul>
    </CardSection>
  );
}
