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

/**
 * The years Keel accepts in any date from input. Outside them a date is a typo or an attack: year 0 becomes 1900 in
 * `Date.UTC`, and pages that walk a cycle week by week would loop over centuries.
 */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2200;

export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A YYYY-MM-DD calendar date within the accepted years, or null. */
export function parseIsoDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  if (!isYearInRange(Number(value.slice(0, 4)))) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || isoDate(date) !== value ? null : date;
}

/** Why a text that looks like a date is refused for its year, or null: lets a schema say so rather than "not a date". */
export function yearProblem(value: string): string | null {
  const year = /^(\d{4})-/.exec(value)?.[1];
  return year !== undefined && !isYearInRange(Number(year)) ? `The year must be from ${MIN_YEAR} to ${MAX_YEAR}` : null;
}

/** The same calendar day `years` later (29 February becomes 1 March). */
export function addYears(date: Date, years: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()));
}
