import { z } from "zod";
import { parseIsoDate } from "@/lib/dates/week";

/** A calendar date sent as "2027-01-01" (or a Date); `what` names it in the messages ("the start date"). */
function dateSchema(what: string) {
  return z
    .union([z.string(), z.date()], {
      error: (issue) => (issue.input === undefined ? `Enter ${what}, like 2027-01-01` : `Enter ${what} as a date like 2027-01-01`),
    })
    .transform((v, ctx) => {
      const date = v instanceof Date ? parseIsoDate(v.toISOString().slice(0, 10)) : parseIsoDate(String(v).trim());
      if (!date) {
        ctx.addIssue({ code: "custom", message: `Enter ${what} as a real date, like 2027-01-01` });
        return z.NEVER;
      }
      return date;
    });
}

const StartDateSchema = dateSchema("the start date");
const EndDateSchema = dateSchema("the end date");

/** "2027-Q1": the calendar quarter, a shortcut for its name and dates. */
export const QuarterSchema = z.string({ error: "Quarters look like 2027-Q1" }).regex(/^\d{4}-Q[1-4]$/, "Quarters look like 2027-Q1");

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

const CycleNameSchema = z.string({ error: "Name the cycle" }).trim().min(1, "Name the cycle").max(80, "Cycle names are at most 80 characters");

const QuarterCycleSchema = z
  .object({ quarter: QuarterSchema, name: CycleNameSchema.optional() })
  .transform((input) => ({ ...quarterDates(input.quarter), ...(input.name ? { name: input.name } : {}) }));

const CustomCycleSchema = z
  .object({ name: CycleNameSchema, startDate: StartDateSchema, endDate: EndDateSchema })
  .superRefine((input, ctx) => {
    if (input.endDate <= input.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be after the start date" });
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
  .refine((v) => Object.keys(v).length > 0, "Nothing to change: send name, startDate or endDate");
export type UpdateCycleInput = z.output<typeof UpdateCycleSchema>;
