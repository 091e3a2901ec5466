const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar date (as UTC midnight) that an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone = "UTC"): Date {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
}

/** Monday (UTC midnight) of the ISO week a calendar date belongs to. */
export function mondayOf(date: Date): Date {
  const day = date.getUTCDay(); // 0 = Sunday
  const offset = (day + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - offset));
}

/** The week a check-in made at this instant belongs to, as its author's calendar sees it. */
export function weekOf(instant: Date, timeZone = "UTC"): Date {
  return mondayOf(localDate(instant, timeZone));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function addWeeks(date: Date, weeks: number): Date {
  return addDays(date, weeks * 7);
}

/** Whole days from a to b (b later is positive). */
export function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / DAY_MS);
}

/** YYYY-MM-DD of a UTC-midnight date. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function parseIsoDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || isoDate(date) !== value ? null : date;
}
