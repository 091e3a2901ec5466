import { addDays, isoDate, parseIsoDate } from "@/lib/dates/week";
import { IdSchema } from "@/lib/http/schemas";

/** How many of each kind of focus warning the review shows, worst first; the "What changed" export lists every one. */
export const FOCUS_SHOWN = 10;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export interface ReviewParams {
  since: Date;
  teamId: string | null;
  problems: string[];
  /** What is wrong, by the parameter it is about, without what the page does instead (for callers that refuse). */
  fieldErrors: { since?: string[]; team?: string[] };
}

/**
 * The review's "since" date and team from the URL. A malformed date, one outside the cycle or one still to come is
 * explained and replaced by the default (a week ago, kept inside the cycle), never an error page.
 */
export function parseReviewParams(raw: Record<string, string | string[] | undefined>, cycle: { startDate: Date; endDate: Date }, today: Date): ReviewParams {
  const fieldErrors: ReviewParams["fieldErrors"] = {};
  const todayDate = parseIsoDate(isoDate(today))!;
  const lastDay = cycle.endDate < todayDate ? cycle.endDate : todayDate;
  const fallback = new Date(Math.max(cycle.startDate.getTime(), Math.min(addDays(todayDate, -7).getTime(), lastDay.getTime())));

  let since = fallback;
  const sinceText = one(raw.since);
  if (typeof sinceText === "string" && sinceText !== "") {
    const parsed = parseIsoDate(sinceText);
    if (!parsed) fieldErrors.since = [`“${sinceText}” is not a date like ${isoDate(fallback)}`];
    else if (parsed < cycle.startDate || parsed > cycle.endDate) fieldErrors.since = [`${sinceText} is outside this cycle (${isoDate(cycle.startDate)} to ${isoDate(cycle.endDate)})`];
    else if (parsed > todayDate) fieldErrors.since = [`${sinceText} has not happened yet`];
    else since = parsed;
  }

  let teamId: string | null = null;
  const teamText = one(raw.team);
  if (typeof teamText === "string" && teamText !== "") {
    const parsed = IdSchema.safeParse(teamText);
    if (parsed.success) teamId = parsed.data;
    else fieldErrors.team = ["The team in the address is not a team id"];
  }
  const problems = [
    ...(fieldErrors.since ?? []).map((p) => `${p}; showing changes since ${isoDate(fallback)}.`),
    ...(fieldErrors.team ?? []).map((p) => `${p}; showing every team.`),
  ];
  return { since, teamId, problems, fieldErrors };
}
