const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });

/** A key result's value as people write it: "€9,717,000", "99.95%", "412 ms", "2 of 3 milestones", "Done". */
export function formatMeasure(value: { toString(): string } | string | number, kr: { type: string; unit: string; targetValue?: { toString(): string } | string }): string {
  const n = Number(value.toString());
  if (kr.type === "yes_no") return n >= 1 ? "Done" : "Not yet";
  if (kr.type === "milestone") return `${n} of ${kr.targetValue?.toString() ?? "?"} milestones`;
  const text = NUMBER.format(n);
  const unit = kr.unit.trim();
  if (!unit) return text;
  if (unit === "%" ) return `${text}%`;
  // Currency symbols go first; words and abbreviations go after the number.
  return /^[€$£¥₹]$/.test(unit) ? `${unit}${text}` : `${text} ${unit}`;
}

export const DIRECTION_LABEL: Record<string, string> = {
  increase: "Increase to",
  decrease: "Decrease to",
  keep_above: "Keep above",
  keep_below: "Keep below",
};

const RELATIVE = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });

export function formatRelative(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return RELATIVE.format(seconds, "second");
  if (abs < 3600) return RELATIVE.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return RELATIVE.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 30) return RELATIVE.format(Math.round(seconds / 86400), "day");
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" }).format(date);
}
