/**
 * The quality coach: rules that say, while someone writes an objective and on the planning page, where it drifts from
 * what good OKRs look like. Pure functions of plain input, so the forms (in the browser), the objective page and the
 * planning page (on the server) judge alike. A rule only flags what it can see: when an input it needs is unknown
 * (the focus limits, who a key result's owner works with), it stays silent rather than guess.
 */
import type { FocusLimits } from "@/lib/focus/limits";
import { isFixedScale } from "@/lib/progress";

/** Stored in `organizations.disabled_quality_rules`: renaming one switches it back on everywhere it was off. */
export const QUALITY_RULE_IDS = [
  "missing_why",
  "output_key_result",
  "target_equals_start",
  "missing_unit",
  "too_many_key_results",
  "team_over_objective_limit",
  "key_results_owned_elsewhere",
  "personal_unaligned",
] as const;
export type QualityRuleId = (typeof QUALITY_RULE_IDS)[number];

export type ObjectiveLevelName = "company" | "team" | "personal";

export interface QualityObjective {
  title: string;
  whyItMatters: string;
  level: ObjectiveLevelName;
  teamId: string | null;
  /** Aligned to an objective or a key result above it. */
  isAligned: boolean;
  /** The team's active and draft team objectives in the cycle, this one included; unknown when absent. */
  teamObjectiveCount?: number;
}

/**
 * Where a key result's owner works, seen from a team objective: in the objective's team (or one beneath it), only in
 * other teams, or in no team. Unknown when absent (a form does not know the teams of the person just picked).
 */
export type OwnerTeam = "objective_team" | "other_team" | "no_team";

export interface QualityKeyResult {
  title: string;
  type: string;
  direction: string;
  /** As typed or stored; empty when not given yet. */
  startValue: string;
  targetValue: string;
  unit: string;
  ownerTeam?: OwnerTeam;
}

export interface QualityInput {
  objective: QualityObjective;
  keyResults: readonly QualityKeyResult[];
  limits?: FocusLimits;
}

/** Where a flag belongs, so a form can show it beside the field it is about. */
export type QualityField = "whyItMatters" | "keyResults" | "team" | "alignment" | "title" | "targetValue" | "unit";

interface RuleBase {
  id: QualityRuleId;
  /** The rule's name in the settings. */
  label: string;
  /** What the rule looks for, for the settings page. */
  description: string;
  /** One line the writer can act on. */
  suggestion: string;
  field: QualityField;
}

export interface ObjectiveRule extends RuleBase {
  appliesTo: "objective";
  check: (input: QualityInput) => boolean;
}

export interface KeyResultRule extends RuleBase {
  appliesTo: "key_result";
  check: (keyResult: QualityKeyResult) => boolean;
}

export type QualityRule = ObjectiveRule | KeyResultRule;

export interface QualityFlag {
  ruleId: QualityRuleId;
  label: string;
  suggestion: string;
  field: QualityField;
  /** The key result's position in the input, for key-result rules. */
  keyResultIndex?: number;
}

/** Directions that promise movement; keep above/below hold a line, where target equal to start is the point. */
const MOVING_DIRECTIONS: readonly string[] = ["increase", "decrease"];

/** Key result types measured from a start to a target with a unit; the others count on a fixed scale. */
export const isMeasuredType = (type: string) => !isFixedScale(type);

function parseNumber(value: string): number | null {
  const text = value.trim().replace(/[\s_]/g, "").replace(",", ".");
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A measured key result that would go nowhere: it moves up or down, and its target is where it starts. */
export function isTargetAtStart(kr: Pick<QualityKeyResult, "type" | "direction" | "startValue" | "targetValue">): boolean {
  if (!isMeasuredType(kr.type) || !MOVING_DIRECTIONS.includes(kr.direction)) return false;
  const start = parseNumber(kr.startValue);
  const target = parseNumber(kr.targetValue);
  return start !== null && target !== null && start === target;
}

/**
 * Verbs of doing rather than achieving. "roll out", "set up" and friends are matched as two words. Only the base form
 * (an instruction: "Launch the app") and the past participle (a report: "New app launched") count: the -ing form
 * and the nouns ("shipping costs", "the release") often name a measurable thing.
 */
const TASK_VERBS: Record<string, readonly string[]> = {
  launch: ["launched"],
  ship: ["shipped"],
  implement: ["implemented"],
  write: ["written", "wrote"],
  build: ["built"],
  release: ["released"],
  create: ["created"],
  deliver: ["delivered"],
  migrate: ["migrated"],
  deploy: ["deployed"],
  develop: ["developed"],
  design: ["designed"],
  publish: ["published"],
  complete: ["completed"],
  finish: ["finished"],
  introduce: ["introduced"],
  integrate: ["integrated"],
  rewrite: ["rewritten", "rewrote"],
  redesign: ["redesigned"],
  "roll out": ["rolled out"],
  "set up": [],
  "hand over": ["handed over"],
};
/**
 * Words that put a result in the title, in any form ("Increase activation after the redesigned onboarding", "Release
 * frequency doubled"), and words of comparison that state a bar ("Build times under ten minutes"): with one of them a
 * title that opens like a task ("Build…", "Release…", "Design…" are nouns too) is read as an outcome.
 */
const OUTCOME_VERBS = [
  "increase", "grow", "raise", "reduce", "cut", "lower", "decrease", "improve", "reach", "keep", "maintain", "double", "halve", "triple",
  "lift", "boost", "shorten", "win", "retain", "achieve", "hit", "exceed",
];
const OUTCOME_WORDS = new Set([
  ...OUTCOME_VERBS.flatMap((verb) => [verb, `${verb}s`, `${verb}d`, `${verb}ed`, `${verb.replace(/e$/, "")}ing`]),
  "grown", "kept", "won", "cutting", "doubled", "halved", "tripled",
  "under", "below", "above", "within", "fewer", "than", "least", "most",
]);
/** Filler a title may open with before its verb: "We launch…", "To ship…", "Successfully migrate…". */
const OPENERS = new Set(["we", "i", "to", "will", "successfully", "fully", "finally", "and"]);

function words(title: string): string[] {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%€$£¥\s'-]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/** Phrases by their first word, so a title is read once whatever the number of verbs (the planning page judges thousands). */
function byFirstWord(phrases: readonly string[]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const parts = phrase.split(" ");
    out.set(parts[0]!, [...(out.get(parts[0]!) ?? []), parts]);
  }
  return out;
}
const PARTICIPLES = byFirstWord(Object.values(TASK_VERBS).flat());
const TASK_FORMS = byFirstWord([...Object.keys(TASK_VERBS), ...Object.values(TASK_VERBS).flat()]);

function hasPhraseAt(list: readonly string[], at: number, phrases: Map<string, string[][]>): boolean {
  const candidates = phrases.get(list[at] ?? "");
  return candidates !== undefined && candidates.some((parts) => parts.every((part, i) => list[at + i] === part));
}

/**
 * Whether a key result's title names work to do instead of a result to reach. It does when it opens with a task verb
 * ("Launch the new onboarding") or reports one done ("Onboarding launched"), with no word of outcome or comparison in
 * it, and holds no measure: a digit or a percent sign ("Launch in 5 countries", "Ship to 40% of users") turns it into
 * a count, which is as far as words alone can judge. Number words ("one", "two") are not taken as measures: "Launch one
 * new product" is still a task.
 */
export function isOutputTitle(title: string): boolean {
  if (/[\d%]/.test(title)) return false;
  const list = words(title);
  if (list.some((w) => OUTCOME_WORDS.has(w))) return false;
  let first = 0;
  while (first < list.length && OPENERS.has(list[first]!)) first++;
  return hasPhraseAt(list, first, TASK_FORMS) || list.some((_, at) => hasPhraseAt(list, at, PARTICIPLES));
}

/**
 * A task-shaped title is forgiven when the fields carry the measure: a number, percentage or money key result with a
 * unit and a target away from the start ("Launch the partner programme", 0 → 40 partners) measures something
 * outside the title. A yes/no or milestone key result with such a title is the task itself.
 */
function isMeasuredElsewhere(kr: QualityKeyResult): boolean {
  if (!isMeasuredType(kr.type) || kr.unit.trim() === "") return false;
  const start = parseNumber(kr.startValue);
  const target = parseNumber(kr.targetValue);
  return start !== null && target !== null && start !== target;
}

export const QUALITY_RULES: readonly QualityRule[] = [
  {
    id: "missing_why",
    appliesTo: "objective",
    label: "Why it matters",
    description: "An objective with no “why it matters”.",
    suggestion: "Say in a sentence why this matters now, so people can judge trade-offs without asking.",
    field: "whyItMatters",
    check: ({ objective }) => objective.whyItMatters.trim() === "",
  },
  {
    id: "output_key_result",
    appliesTo: "key_result",
    label: "Outcome, not output",
    description: "A key result that names a task (“launch”, “ship”, “implement”, “write”…) without a measure.",
    suggestion: "Name the change the work should cause, with a number: “Raise weekly sign-ups from 200 to 350”, not “Launch the new sign-up page”.",
    field: "title",
    check: (kr) => kr.title.trim() !== "" && isOutputTitle(kr.title) && !isMeasuredElsewhere(kr),
  },
  {
    id: "target_equals_start",
    appliesTo: "key_result",
    label: "Target away from the start",
    description: "A number, percentage or money key result that should increase or decrease, with its target equal to its start.",
    suggestion: "Set a target different from the start value, or choose “keep above/below” if holding the line is the goal.",
    field: "targetValue",
    check: (kr) => isTargetAtStart(kr),
  },
  {
    id: "missing_unit",
    appliesTo: "key_result",
    label: "Unit",
    description: "A number, percentage or money key result without a unit.",
    suggestion: "Add a unit (“customers”, “ms”, “%”, “€”) so the number reads on its own.",
    field: "unit",
    check: (kr) => isMeasuredType(kr.type) && kr.unit.trim() === "",
  },
  {
    id: "too_many_key_results",
    appliesTo: "objective",
    label: "Key results within the focus limit",
    description: "More key results on one objective than the organisation's focus limit.",
    suggestion: "Keep the key results that best show success and drop or move the rest.",
    field: "keyResults",
    check: ({ keyResults, limits }) => limits !== undefined && keyResults.length > limits.maxKeyResultsPerObjective,
  },
  {
    id: "team_over_objective_limit",
    appliesTo: "objective",
    label: "Team objectives within the focus limit",
    description: "A team objective in a team that already has more objectives in the cycle than the focus limit.",
    suggestion: "Fold this into one of the team's other objectives, or make it a draft for a later cycle.",
    field: "team",
    check: ({ objective, limits }) =>
      limits !== undefined && objective.level === "team" && objective.teamObjectiveCount !== undefined && objective.teamObjectiveCount > limits.maxObjectivesPerTeam,
  },
  {
    id: "key_results_owned_elsewhere",
    appliesTo: "objective",
    label: "Key results owned in the team",
    description: "A team objective whose key results are all owned by people of other teams.",
    suggestion: "Have someone in the team own at least one key result, or move the objective to the team doing the work.",
    field: "keyResults",
    check: ({ objective, keyResults }) => objective.level === "team" && keyResults.length > 0 && keyResults.every((kr) => kr.ownerTeam === "other_team"),
  },
  {
    id: "personal_unaligned",
    appliesTo: "objective",
    label: "Personal objectives aligned",
    description: "A personal objective aligned to nothing.",
    suggestion: "Align it to the team or company objective (or key result) it helps, so its why chain shows.",
    field: "alignment",
    check: ({ objective }) => objective.level === "personal" && !objective.isAligned,
  },
];

export function qualityRule(id: QualityRuleId): QualityRule {
  return QUALITY_RULES.find((rule) => rule.id === id)!;
}

export function isQualityRuleId(id: string): id is QualityRuleId {
  return (QUALITY_RULE_IDS as readonly string[]).includes(id);
}

const enabledRules = (disabled: readonly string[] | undefined) => {
  const off = new Set(disabled ?? []);
  return QUALITY_RULES.filter((rule) => !off.has(rule.id));
};

const toFlag = (rule: QualityRule, keyResultIndex?: number): QualityFlag => ({
  ruleId: rule.id,
  label: rule.label,
  suggestion: rule.suggestion,
  field: rule.field,
  ...(keyResultIndex === undefined ? {} : { keyResultIndex }),
});

/** The flags of one key result alone, for a form that edits a single key result. */
export function evaluateKeyResult(keyResult: QualityKeyResult, options: { disabled?: readonly string[]; index?: number } = {}): QualityFlag[] {
  return enabledRules(options.disabled)
    .filter((rule): rule is KeyResultRule => rule.appliesTo === "key_result")
    .filter((rule) => rule.check(keyResult))
    .map((rule) => toFlag(rule, options.index ?? 0));
}

/** Every flag the enabled rules raise: the objective's first, then each key result's in its order. */
export function evaluate(input: QualityInput, options: { disabled?: readonly string[] } = {}): QualityFlag[] {
  const objectiveFlags = enabledRules(options.disabled)
    .filter((rule): rule is ObjectiveRule => rule.appliesTo === "objective")
    .filter((rule) => rule.check(input))
    .map((rule) => toFlag(rule));
  return [...objectiveFlags, ...input.keyResults.flatMap((kr, index) => evaluateKeyResult(kr, { disabled: options.disabled, index }))];
}
