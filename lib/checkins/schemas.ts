import { z } from "zod";
import { isoDate, parseIsoDate, yearProblem } from "@/lib/dates/week";
import { PaginationSchema } from "@/lib/http/pagination";
import { DecimalSchema, idSchema, safeString } from "@/lib/http/schemas";

export const CONFIDENCES = ["on_track", "at_risk", "off_track"] as const;
export type ConfidenceValue = (typeof CONFIDENCES)[number];

export const NOTE_MAX_LENGTH = 2000;

export const ConfidenceSchema = z.enum(CONFIDENCES, { error: "Choose a confidence: on_track, at_risk or off_track" });

export const NoteSchema = safeString({ error: "The note must be text", multiline: true })
  .trim()
  .max(NOTE_MAX_LENGTH, `Notes are at most ${NOTE_MAX_LENGTH} characters`)
  .default("");

/** One key result's check-in: this week's value, the owner's confidence and a note (progress, blockers, next step). */
export const CheckInEntrySchema = z.object({
  keyResultId: idSchema("Choose a key result"),
  value: DecimalSchema,
  confidence: ConfidenceSchema,
  note: NoteSchema,
});
export type CheckInEntry = z.output<typeof CheckInEntrySchema>;

export const CreateCheckInSchema = CheckInEntrySchema;

/** The "my week" form: every row the person filled in, saved together or not at all. */
export const MyWeekSchema = z.object({
  entries: z
    .array(CheckInEntrySchema, { error: "Send the check-ins as a list" })
    .min(1, "Enter this week's value for at least one key result")
    .max(200, "At most 200 check-ins at once"),
});

/** A week named by its Monday (YYYY-MM-DD), as check-ins store it. */
export const WeekSchema = safeString({ error: "week must be a date like 2026-11-23" }).transform((value, ctx) => {
  const date = parseIsoDate(value.trim());
  if (!date) {
    ctx.addIssue({ code: "custom", message: yearProblem(value.trim()) ?? "week must be a date like 2026-11-23" });
    return z.NEVER;
  }
  if (date.getUTCDay() !== 1) {
    ctx.addIssue({ code: "custom", message: `week is the Monday a week starts on; ${isoDate(date)} is not a Monday` });
    return z.NEVER;
  }
  return date;
}).meta({ description: "A Monday, YYYY-MM-DD", format: "date" });

export const CheckInListQuerySchema = PaginationSchema.extend({
  keyResultId: idSchema("keyResultId must be a key result id").optional(),
  teamId: idSchema("teamId must be a team id").optional(),
  week: WeekSchema.optional(),
}).refine((q) => q.keyResultId || q.teamId || q.week, { message: "Filter by keyResultId, teamId or week (or several)", path: ["keyResultId"] });
export type CheckInListQuery = z.output<typeof CheckInListQuerySchema>;

/** The Idempotency-Key header: any printable ASCII up to 200 characters (a UUID is typical). */
export const IdempotencyKeySchema = safeString()
  .trim()
  .min(1, "Idempotency-Key must not be empty")
  .max(200, "Idempotency-Key is at most 200 characters")
  .regex(/^[\x21-\x7e]+$/, "Idempotency-Key must be printable ASCII without spaces");

export const NudgeSchema = z.object({
  teamId: idSchema("Choose a team"),
  userId: idSchema("Choose a person"),
});
