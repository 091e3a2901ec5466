import { z } from "zod";
import { BooleanishSchema } from "@/lib/http/schemas";
import { Decimal } from "@/lib/progress/decimal";

export const RETRO_MAX_LENGTH = 4000;
export const SUMMARY_MAX_LENGTH = 10_000;
export const MAX_SCORES_PER_REQUEST = 200;

/** A score from 0.0 to 1.0 with at most two decimals, as text ("0.70") so it is stored exactly. */
export const ScoreValueSchema = z.union([z.string(), z.number()], { error: "Enter a score from 0.0 to 1.0, like 0.7" }).transform((raw, ctx) => {
  const text = String(raw).trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "Enter a score from 0.0 to 1.0, like 0.7" });
    return z.NEVER;
  }
  const value = new Decimal(text);
  if (value.lessThan(0) || value.greaterThan(1)) {
    ctx.addIssue({ code: "custom", message: "Scores go from 0.0 to 1.0" });
    return z.NEVER;
  }
  if (value.decimalPlaces() > 2) {
    ctx.addIssue({ code: "custom", message: "Scores have at most two decimals, like 0.75" });
    return z.NEVER;
  }
  return value.toFixed(2);
});

const KeyResultIdSchema = z.uuid({ error: "Not a key result id" });

export const ScoreEntrySchema = z.object({ keyResultId: KeyResultIdSchema, score: ScoreValueSchema });
export type ScoreEntry = z.output<typeof ScoreEntrySchema>;

/** `{ scores: [{ keyResultId, score }] }`: errors name `scores.<i>.score`, so a script knows which entry to fix. */
export const ScoreKeyResultsSchema = z
  .object({
    scores: z
      .array(ScoreEntrySchema, { error: "Send scores as a list of { keyResultId, score }" })
      .min(1, "Send at least one score")
      .max(MAX_SCORES_PER_REQUEST, `At most ${MAX_SCORES_PER_REQUEST} scores at once`),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.scores.forEach((entry, i) => {
      if (seen.has(entry.keyResultId)) ctx.addIssue({ code: "custom", path: ["scores", i, "keyResultId"], message: "This key result is in the list twice" });
      seen.add(entry.keyResultId);
    });
  });
export type ScoreKeyResultsInput = z.output<typeof ScoreKeyResultsSchema>;

const RetroTextSchema = (what: string) =>
  z
    .string({ error: `“${what}” must be text` })
    .trim()
    .max(RETRO_MAX_LENGTH, `Keep “${what}” to ${RETRO_MAX_LENGTH} characters`)
    .default("");

/** Both answers of an objective's retrospective; an empty answer clears it. */
export const RetrospectiveSchema = z.object({
  wentWell: RetroTextSchema("What went well"),
  learned: RetroTextSchema("What we learned"),
});
export type RetrospectiveInput = z.output<typeof RetrospectiveSchema>;

export const CloseCycleSchema = z.object({
  summary: z
    .string({ error: "The summary must be text" })
    .trim()
    .max(SUMMARY_MAX_LENGTH, `Keep the summary to ${SUMMARY_MAX_LENGTH} characters`)
    .default(""),
  /** Closing with key results still unscored must be asked for deliberately. */
  force: BooleanishSchema.default(false),
});
export type CloseCycleInput = z.output<typeof CloseCycleSchema>;

/** Field name of one key result's score in the closing form: the error for it comes back under the same name. */
export const scoreFieldName = (keyResultId: string) => `scores.${keyResultId}`;

/**
 * The closing form of one objective: a score field per key result the person may score (`scores.<id>`, left
 * empty to leave it unscored), and the retrospective when they may write it (`hasRetro` says the fields were
 * shown, so an emptied answer clears it rather than being taken as "not sent").
 */
export const ObjectiveClosingFormSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const fields = raw as Record<string, unknown>;
    const scores: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (key.startsWith("scores.") && value !== undefined && value !== "") scores[key.slice("scores.".length)] = value;
    }
    return {
      objectiveId: fields.objectiveId,
      scores,
      retro: fields.hasRetro ? { wentWell: fields.wentWell, learned: fields.learned } : undefined,
    };
  },
  z.object({
    objectiveId: z.uuid({ error: "Not an objective id" }),
    scores: z.record(KeyResultIdSchema, ScoreValueSchema),
    retro: RetrospectiveSchema.optional(),
  }),
);
export type ObjectiveClosingInput = z.output<typeof ObjectiveClosingFormSchema>;

const OptionalUuidQuery = (what: string) =>
  z
    .union([z.uuid({ error: `${what} must be an id` }), z.literal("")])
    .optional()
    .transform((v) => v || undefined);

/** Filters and paging of the closing page (`?team=&mine=1&cursor=`). */
export const ScoringPageQuerySchema = z.object({
  team: OptionalUuidQuery("team"),
  mine: z
    .union([z.literal("1"), z.literal("true"), z.literal("on"), z.literal(""), z.literal("0"), z.literal("false")])
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "on"),
  cursor: OptionalUuidQuery("cursor"),
});
export type ScoringPageQuery = z.output<typeof ScoringPageQuerySchema>;

/** The summary's team filter and the page of retrospectives (`GET /api/v1/cycles/:id/summary?teamId=&cursor=`). */
export const CycleSummaryQuerySchema = z.object({
  teamId: OptionalUuidQuery("teamId"),
  cursor: OptionalUuidQuery("cursor"),
});
export type CycleSummaryQuery = z.output<typeof CycleSummaryQuerySchema>;
