import { isoDate, localDate } from "@/lib/dates/week";

/**
 * When a week's check-in is due. The weekly reminder goes out on Monday at 09:00 in each person's time zone and
 * asks for the check-in that day; from Tuesday (local) a missing check-in is overdue, which is when leads get
 * their digest and can nudge.
 */
export const REMINDER_HOUR = 9;
export const REMINDER_WEEKDAY = 1;
export const DIGEST_WEEKDAY = 2;

export type WeekState = "checked_in" | "overdue" | "due_today" | "not_due";

/** Where a person stands for one week: everything checked in, or else how late it is on their own calendar. */
export function weekState(input: { week: Date; now: Date; timeZone: string; due: number; done: number }): WeekState {
  if (input.due > 0 && input.done >= input.due) return "checked_in";
  const today = isoDate(localDate(input.now, input.timeZone));
  const monday = isoDate(input.week);
  if (today > monday) return "overdue";
  if (today === monday) return "due_today";
  return "not_due";
}

export const WEEK_STATE_LABEL: Record<WeekState, string> = {
  checked_in: "Checked in",
  overdue: "Overdue",
  due_today: "Due today",
  not_due: "Not due yet",
};

/** The local weekday (1 = Monday ... 7 = Sunday) and hour of an instant in a time zone. */
export function localClock(instant: Date, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", hourCycle: "h23" }).formatToParts(instant);
  const names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  const weekday = names.indexOf(parts.find((p) => p.type === "weekday")?.value ?? "") + 1;
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  return { weekday, hour };
}
