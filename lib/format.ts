/**
 * Keel's one vocabulary: how values, units, dates, counts and the names of states read on every page, export and
 * mail. Pure and locale-independent (fixed "en-GB" wording, dates in UTC), so the server, the browser and a test
 * runner in another locale or time zone print the same text. Safe to import from client components.
 */
import type { Confidence, CycleState, Direction, KeyResultType, ObjectiveKind, ObjectiveLevel, ObjectiveState } from "@/lib/generated/prisma/enums";

// ---------------------------------------------------------------------------------------------------------------
// Counts

/** "1 objective", "3 objectives", "1 person", "2 people": the count with the word that agrees with it. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Values and units

const PREFIX_UNITS = new Set(["€", "$", "£", "¥", "₹", "CHF", "kr"]);

/** Groups the whole part in thousands without going through a float, so 16-digit values print exactly. */
function groupDigits(value: string): string {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const trimmed = fraction.replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `${grouped}${trimmed ? `.${trimmed}` : ""}`;
  return negative && text !== "0" ? `-${text}` : text;
}

/** A plain decimal as text: no exponent, no float rounding ("1e-7" and 0.1 + 0.2 never reach a page). */
function decimalText(value: { toString(): string } | string | number): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  return value.toString().trim();
}

export interface MeasuredKeyResult {
  type: KeyResultType | string;
  unit: string;
  /** The milestones' names, when known: their count is the total. */
  milestones?: readonly string[];
  /** The target (the milestone count) when the names are not at hand. */
  target?: { toString(): string } | string | number;
  targetValue?: { toString(): string } | string | number;
}

/** A bare number as people read it: "9,717,000", "99.95", "-2.5". */
export function formatNumber(value: { toString(): string } | string | number): string {
  return groupDigits(decimalText(value));
}

/** A number for files a spreadsheet reads: exact, no grouping, no trailing zeros: "42.5", "-3", "9717000". */
export function formatPlainNumber(value: { toString(): string } | string | number): string {
  return formatNumber(value).replace(/,/g, "");
}

/** Whether a yes/no key result's value means done. */
export function isDone(value: { toString(): string } | string | number): boolean {
  return Number(decimalText(value)) >= 1;
}

/**
 * A key result's value as people write it, exactly: "€9,717,000", "99.95%", "412 ms", "2 of 3 milestones", "Done".
 * The direction does not change how a value reads; it is said beside it (DIRECTION_LABEL).
 */
export function formatValue(value: { toString(): string } | string | number, kr: MeasuredKeyResult): string {
  if (kr.type === "yes_no") return isDone(value) ? YES_NO_LABEL.done : YES_NO_LABEL.notDone;
  if (kr.type === "initiatives") {
    // Without the total (a past value, whose total then is not kept) only the count done is said.
    const total = kr.target ?? kr.targetValue;
    if (total === undefined) return `${formatNumber(value)} ${Number(decimalText(value)) === 1 ? "initiative" : "initiatives"} done`;
    return `${formatNumber(value)} of ${plural(Number(total.toString()), "initiative")} done`;
  }
  if (kr.type === "milestone") {
    const total = kr.milestones?.length || Number((kr.target ?? kr.targetValue ?? 0).toString());
    return `${formatNumber(value)} of ${plural(total, "milestone")}`;
  }
  const number = formatNumber(value);
  const unit = kr.unit.trim();
  if (!unit) return number;
  if (unit === "%") return `${number}%`;
  // Currency symbols go first; words and abbreviations go after the number.
  if (PREFIX_UNITS.has(unit)) return `${unit}${number}`;
  return `${number} ${unit}`;
}

/** The label of a milestone count: "2 of 4: Audit window done". */
export function formatMilestoneLabel(count: number, milestones: readonly string[]): string {
  if (count <= 0) return `0 of ${milestones.length}: none reached yet`;
  return `${count} of ${milestones.length}: ${milestones[count - 1] ?? ""}`;
}

/** A progress percentage, one decimal, for exports: "42.5". */
export function formatProgressNumber(value: number | { toString(): string }): string {
  return Number(value.toString()).toFixed(1);
}

// ---------------------------------------------------------------------------------------------------------------
// The names of things

export const YES_NO_LABEL = { done: "Done", notDone: "Not yet" } as const;

export const CONFIDENCE_LABEL: Record<Confidence, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
};

export const DIRECTION_LABEL: Record<Direction, string> = {
  increase: "Increase to",
  decrease: "Decrease to",
  keep_above: "Keep above",
  keep_below: "Keep below",
};

/** The direction alone, as the forms and exports name it. */
export const DIRECTION_NAME: Record<Direction, string> = {
  increase: "Increase",
  decrease: "Decrease",
  keep_above: "Keep above",
  keep_below: "Keep below",
};

export const KEY_RESULT_TYPE_LABEL: Record<KeyResultType, string> = {
  number: "Number",
  percent: "Percentage",
  currency: "Money",
  milestone: "Milestones",
  yes_no: "Yes / no",
  initiatives: "Initiatives done",
};

export const INITIATIVE_STATUS_LABEL = { planned: "Planned", in_progress: "In progress", done: "Done", dropped: "Dropped" } as const;

export const OBJECTIVE_STATE_LABEL: Record<ObjectiveState, string> = {
  draft: "Draft",
  active: "Active",
  done: "Done",
  abandoned: "Abandoned",
};

export const OBJECTIVE_LEVEL_LABEL: Record<ObjectiveLevel, string> = {
  company: "Company",
  team: "Team",
  personal: "Personal",
};

export const OBJECTIVE_KIND_LABEL: Record<ObjectiveKind, string> = {
  committed: "Committed",
  aspirational: "Aspirational",
};

export const CYCLE_STATE_LABEL: Record<CycleState, string> = {
  planning: "Planning",
  active: "Active",
  closed: "Closed",
};

/** A confidence as a person reads it, or the words for none. */
export function formatConfidence(confidence: Confidence | null | undefined, none = "No check-in yet"): string {
  return confidence ? CONFIDENCE_LABEL[confidence] : none;
}

/**
 * Where an objective sits, for a reader: its team, or "Company" for a company objective, or "Personal" for a
 * personal objective outside any team. A personal objective is never called "Company".
 */
export function formatObjectivePlace(o: { level: ObjectiveLevel; team: { name: string } | null }): string {
  if (o.team) return o.level === "personal" ? `${o.team.name} · personal` : o.team.name;
  return o.level === "personal" ? "Personal" : "Company";
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

/** Calendar days (cycle bounds, check-in weeks) are stored as UTC midnights, so they are always read in UTC. */
const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const WEEK_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const MOMENT_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const RELATIVE = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });

const asDay = (day: string | Date): Date => (typeof day === "string" ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day);

/** A day: "3 Dec 2026". Takes YYYY-MM-DD or a Date (read in UTC). */
export function formatDate(day: string | Date): string {
  return DAY_FORMAT.format(asDay(day));
}

/** A week by its Monday: "23 Nov". */
export function formatWeek(week: string | Date): string {
  return WEEK_FORMAT.format(asDay(week));
}

/** A moment to the minute, in UTC, said so: "3 Dec 2026, 17:05 UTC". */
export function formatDateTime(moment: Date): string {
  return `${MOMENT_FORMAT.format(moment)} UTC`;
}

/** A day for files and machines: "2026-12-03" (UTC). */
export function formatIsoDate(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** "1 hour ago", "in 3 days", and the day itself beyond a month. */
export function formatRelative(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return RELATIVE.format(seconds, "second");
  if (abs < 3600) return RELATIVE.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return RELATIVE.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 30) return RELATIVE.format(Math.round(seconds / 86400), "day");
  return formatDate(date);
}
