import { z } from "zod";
import { safeString } from "@/lib/http/schemas";
import { addYears, isYearInRange, MAX_YEAR, MIN_YEAR, parseIsoDate, yearProblem } from "@/lib/dates/week";

/** A calendar date sent as "2027-01-01" (or a Date); `what` names it in the messages ("the start date"). */
function dateSchema(what: string) {
  return z
    .union([safeString(), z.date()], {
      error: (issue) => (issue.input === undefined ? `Enter ${what}, like 2027-01-01` : `Enter ${what} as a date like 2027-01-01`),
    })
    .transform((v, ctx) => {
      const text = v instanceof Date ? (Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10)) : String(v).trim();
      const date = parseIsoDate(text);
      if (!date) {
        const message = yearProblem(text) ? `Enter ${what} between ${MIN_YEAR} and ${MAX_YEAR}` : `Enter ${what} as a real date, like 2027-01-01`;
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return date;
    });
}

const StartDateSchema = dateSchema("the start date");
const EndDateSchema = dateSchema("the end date");

/** "2027-Q1": the calendar quarter, a shortcut for its name and dates. */
export const QuarterSchema = safeString({ error: "Quarters look like 2027-Q1" })
  .regex(/^\d{4}-Q[1-4]$/, { message: "Quarters look like 2027-Q1", abort: true })
  .refine((v) => isYearInRange(Number(v.slice(0, 4))), `The year must be from ${MIN_YEAR} to ${MAX_YEAR}`);

export function quarterDates(quarter: string): { name: string; startDate: Date; endDate: Date } {
  const [yearText, q] = quarter.split("-Q");
  const year = Number(yearText);
  const index = Number(q) - 1;
  return {
    name: `Q${index + 1} ${year}`,
    startDate: new Date(Date.UTC(year, index * 3, 1)),
    endDate: new Date(Date.UTC(year, index * 3 + 3, 0)),
  };
}

export const MAX_CYCLE_YEARS = 2;

/** Why a cycle cannot run between these dates, or null. Longer than two years is a mistake, and every page would walk it. */
export function cycleSpanProblem(startDate: Date, endDate: Date): string | null {
  if (endDate <= startDate) return "The end date must be after the start date";
  if (endDate > addYears(startDate, MAX_CYCLE_YEARS)) return `A cycle is at most ${MAX_CYCLE_YEARS} years long: choose an earlier end date`;
  return null;
}

const CycleNameSchema = safeString({ error: "Name the cycle" }).trim().min(1, "Name the cycle").max(80, "Cycle names are at most 80 characters");

export const QuarterCycleSchema = z
  .object({ quarter: QuarterSchema, name: CycleNameSchema.optional() })
  .transform((input) => ({ ...quarterDates(input.quarter), ...(input.name ? { name: input.name } : {}) }));

export const CustomCycleSchema = z
  .object({ name: CycleNameSchema, startDate: StartDateSchema, endDate: EndDateSchema })
  .superRefine((input, ctx) => {
    const problem = cycleSpanProblem(input.startDate, input.endDate);
    if (problem) ctx.addIssue({ code: "custom", path: ["endDate"], message: problem });
  });

/**
 * A quarter preset, or a name with custom dates. Whether `quarter` is sent decides which one is checked, so a missing
 * or wrong date is reported on its own field; a union would only say that neither shape matched. A quarter wins over
 * dates sent with it, as it always has.
 */
export const CreateCycleSchema = z
  .looseObject({ quarter: z.unknown().optional() }, { error: "Send a quarter (2027-Q1), or a name with a start and end date" })
  .transform((input, ctx): z.output<typeof QuarterCycleSchema> | z.output<typeof CustomCycleSchema> => {
    const parsed = (input.quarter == null ? CustomCycleSchema : QuarterCycleSchema).safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  });
export type CreateCycleInput = z.output<typeof CreateCycleSchema>;

export const UpdateCycleSchema = z
  .object({
    name: CycleNameSchema.optional(),
    startDate: StartDateSchema.optional(),
    endDate: EndDateSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change: send name, startDate or endDate")
  .superRefine((input, ctx) => {
    const problem = input.startDate && input.endDate ? cycleSpanProblem(input.startDate, input.endDate) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["endDate"], message: problem });
  });
export type UpdateCycleInput = z.output<typeof UpdateCycleSchema>;
