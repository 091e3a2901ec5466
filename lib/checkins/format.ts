import type { KeyResultType } from "@/lib/progress";

const PREFIX_UNITS = new Set(["€", "$", "£", "¥", "₹", "CHF", "kr"]);

/** Groups the whole part in thousands without going through a float, so 16-digit values print exactly. */
function groupDigits(value: string): string {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const trimmed = fraction.replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${trimmed ? `.${trimmed}` : ""}`;
}

/** A value as a reader expects it: "€8,250,000", "365 ms", "49%", "2 of 4", "Yes". */
export function formatValue(value: string | number, kr: { type: KeyResultType; unit: string; milestones?: readonly string[]; target?: string | number }): string {
  const text = typeof value === "number" ? String(value) : value;
  if (kr.type === "yes_no") return Number(text) >= 1 ? "Yes" : "No";
  if (kr.type === "milestone") {
    const total = kr.milestones?.length || Number(kr.target ?? 0);
    return `${groupDigits(text)} of ${total}`;
  }
  const number = groupDigits(text);
  if (!kr.unit) return number;
  if (kr.unit === "%") return `${number}%`;
  if (PREFIX_UNITS.has(kr.unit)) return `${kr.unit}${number}`;
  return `${number} ${kr.unit}`;
}

/** The label of a milestone count: "2 of 4: Audit window done". */
export function milestoneLabel(count: number, milestones: readonly string[]): string {
  if (count <= 0) return `0 of ${milestones.length}: none reached yet`;
  return `${count} of ${milestones.length}: ${milestones[count - 1] ?? ""}`;
}

const WEEK_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "23 Nov" for a week's Monday (YYYY-MM-DD or a UTC-midnight date). */
export function formatWeek(week: string | Date): string {
  return WEEK_FORMAT.format(typeof week === "string" ? new Date(`${week}T00:00:00Z`) : week);
}

export function formatDay(day: string | Date): string {
  return DAY_FORMAT.format(typeof day === "string" ? new Date(`${day}T00:00:00Z`) : day);
}
