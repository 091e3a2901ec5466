import { z } from "zod";
import { parseIsoDate } from "@/lib/dates/week";

export const DateSchema = z
  .union([z.string(), z.date()], { error: "Enter a date like 2027-01-01" })
  .transform((v, ctx) => {
    const date = v instanceof Date ? parseIsoDate(v.toISOString().slice(0, 10)) : parseIsoDate(String(v).trim());
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Enter a real date like 2027-01-01" });
      return z.NEVER;
    }
    return date;
  });

/** "2027-Q1": the calendar quarter, a shortcut for its name and dates. */
export const QuarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, "Quarters look like 2027-Q1");

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

export const CreateCycleSchema = z
  .union([
    z.object({ quarter: QuarterSchema, name: CycleNameSchema.optional() }),
    z.object({ name: CycleNameSchema, startDate: DateSchema, endDate: DateSchema }),
  ], { error: "Give either a quarter (2027-Q1) or a name with a start and end date" })
  .transform((input) => ("quarter" in input ? { ...quarterDates(input.quarter), ...(input.name ? { name: input.name } : {}) } : input))
  .superRefine((input, ctx) => {
    if (input.endDate <= input.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be after the start date" });
  });
export type CreateCycleInput = z.output<typeof CreateCycleSchema>;

export const UpdateCycleSchema = z
  .object({
    name: CycleNameSchema.optional(),
    startDate: DateSchema.optional(),
    endDate: DateSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change: send name, startDate or endDate");
export type UpdateCycleInput = z.output<typeof UpdateCycleSchema>;
