import { z } from "zod";
import { DecimalSchema, idSchema, ReasonSchema, safeString, VersionSchema } from "@/lib/http/schemas";
import { dec, targetProblem } from "@/lib/progress";

export const KeyResultTypeSchema = z.enum(["number", "percent", "currency", "milestone", "yes_no", "initiatives"], {
  error: "Type must be number, percent, currency, milestone, yes_no or initiatives",
});
export const DirectionSchema = z.enum(["increase", "decrease", "keep_above", "keep_below"], { error: "Direction must be increase, decrease, keep_above or keep_below" });

const TitleSchema = safeString({ error: "Describe the key result" }).trim().min(3, "Titles need at least 3 characters").max(200, "Titles are at most 200 characters");
const UnitSchema = safeString().trim().max(24, "Units are at most 24 characters");
const WeightSchema = DecimalSchema.refine((v) => dec(v).greaterThanOrEqualTo(0), "A weight cannot be below zero").refine((v) => dec(v).lessThanOrEqualTo(100), "Weights are at most 100");

/** One milestone per line in forms, or a list in the API. */
const MilestonesSchema = z
  .union([z.array(safeString()), safeString({ multiline: true })])
  .transform((v) => (Array.isArray(v) ? v : v.split("\n")).map((m) => m.trim()).filter(Boolean))
  .pipe(z.array(safeString().max(120, "Milestones are at most 120 characters")).max(20, "At most 20 milestones"));

function measureProblem(input: { type: string; direction: string; startValue: string; targetValue: string }, ctx: z.RefinementCtx) {
  const problem = targetProblem({
    type: input.type as Parameters<typeof targetProblem>[0]["type"],
    direction: input.direction as Parameters<typeof targetProblem>[0]["direction"],
    start: input.startValue,
    target: input.targetValue,
  });
  if (problem) ctx.addIssue({ code: "custom", path: ["targetValue"], message: problem });
}

const KEY_RESULT_FIELDS = {
  title: TitleSchema,
  type: KeyResultTypeSchema.default("number"),
  direction: DirectionSchema.default("increase"),
  startValue: DecimalSchema.optional(),
  targetValue: DecimalSchema.optional(),
  unit: UnitSchema.default(""),
  weight: WeightSchema.default("1"),
  ownerId: z
    .union([idSchema("Not a valid owner id"), z.literal("")])
    .optional()
    .transform((v) => v || undefined),
  milestones: MilestonesSchema.optional(),
};

type MeasureFields = { type: z.output<typeof KeyResultTypeSchema>; direction: z.output<typeof DirectionSchema>; startValue?: string; targetValue?: string; milestones?: string[] };

/**
 * Milestones, yes/no and initiatives measure on a fixed scale: milestones reached, 0/1, or initiatives done. Numbers
 * need a target.
 */
function normaliseMeasure<T extends MeasureFields>(input: T, ctx: z.RefinementCtx) {
  if (input.type === "milestone") {
    const milestones = input.milestones ?? [];
    if (!milestones.length) {
      ctx.addIssue({ code: "custom", path: ["milestones"], message: "List at least one milestone, one per line" });
      return z.NEVER;
    }
    return { ...input, direction: "increase" as const, startValue: "0", targetValue: String(milestones.length), milestones };
  }
  // Its value and target are counts of its initiatives, kept by lib/initiatives: none yet when it is created.
  if (input.type === "initiatives") return { ...input, direction: "increase" as const, startValue: "0", targetValue: "0", unit: "", milestones: [] as string[] };
  if (input.type === "yes_no") return { ...input, direction: "increase" as const, startValue: "0", targetValue: "1", milestones: [] as string[] };
  if (input.targetValue === undefined) {
    ctx.addIssue({ code: "custom", path: ["targetValue"], message: "Enter the target value" });
    return z.NEVER;
  }
  return { ...input, startValue: input.startValue ?? "0", targetValue: input.targetValue, milestones: [] as string[] };
}

export const CreateKeyResultSchema = z
  .object({ objectiveId: idSchema("Choose the objective"), ...KEY_RESULT_FIELDS })
  .transform(normaliseMeasure)
  .superRefine(measureProblem);

/** A key result written together with its new objective: the same fields, no objective yet. */
export const KeyResultDraftSchema = z.object(KEY_RESULT_FIELDS).transform(normaliseMeasure).superRefine(measureProblem);
export type KeyResultDraft = z.output<typeof KeyResultDraftSchema>;
export type CreateKeyResultInput = z.output<typeof CreateKeyResultSchema>;

export const UpdateKeyResultSchema = z.object({
  version: VersionSchema,
  title: TitleSchema.optional(),
  direction: DirectionSchema.optional(),
  startValue: DecimalSchema.optional(),
  targetValue: DecimalSchema.optional(),
  unit: UnitSchema.optional(),
  weight: WeightSchema.optional(),
  ownerId: idSchema("Not a valid owner id").optional(),
  milestones: MilestonesSchema.optional(),
  reason: ReasonSchema,
});
export type UpdateKeyResultInput = z.output<typeof UpdateKeyResultSchema>;

export const ListKeyResultsQuerySchema = z.object({
  objectiveId: idSchema("objectiveId must be an objective id").optional(),
  cycleId: idSchema("cycleId must be a cycle id").optional(),
  ownerId: idSchema("ownerId must be a person's id").optional(),
  confidence: z.enum(["on_track", "at_risk", "off_track"], { error: "confidence must be on_track, at_risk or off_track" }).optional(),
});
export type ListKeyResultsQuery = z.output<typeof ListKeyResultsQuerySchema>;
