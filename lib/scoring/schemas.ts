import { z } from "zod";
import { BooleanishSchema, idSchema, safeString } from "@/lib/http/schemas";
import { Decimal } from "@/lib/progress/decimal";

export const RETRO_MAX_LENGTH = 4000;
export const SUMMARY_MAX_LENGTH = 10_000;
export const MAX_SCORES_PER_REQUEST = 200;

/** A score from 0.0 to 1.0 with at most two decimals, as text ("0.70") so it is stored exactly. */
export const ScoreValueSchema = z.union([safeString(), z.number()], { error: "Enter a score from 0.0 to 1.0, like 0.7" }).transform((raw, ctx) => {
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

const KeyResultIdSchema = idSchema("Not a key result id");

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
  safeString({ error: `“${what}” must be text`, multiline: true })
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
  summary: safeString({ error: "The summary must be text", multiline: true })
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
    objectiveId: idSchema("Not an objective id"),
    scores: z.record(KeyResultIdSchema, ScoreValueSchema),
    retro: RetrospectiveSchema.optional(),
  }),
);
export type ObjectiveClosingInput = z.output<typeof ObjectiveClosingFormSchema>;

const OptionalUuidQuery = (what: string) =>
  z
    .union([idSchema(`${what} must be an id`), z.literal("")])
    .optional()
    .transform((v) => v || undefined);

/** The closing page's address (`?team=&mine=1&cursor=`), read with `parseAddress`: a bad value is left out and explained. */
export const SCORING_PAGE_PARAMS = {
  team: idSchema("team is not a team id: showing every team"),
  mine: z.enum(["1", "true", "on", "0", "false"], { error: "mine must be 1 or 0: showing everyone's objectives" }).transform((v) => v === "1" || v === "true" || v === "on"),
  cursor: idSchema("cursor is not a place in the list: showing the first page"),
};

/** The summary's team filter and the page of retrospectives (`GET /api/v1/cycles/:id/summary?teamId=&cursor=`). */
export const CycleSummaryQuerySchema = z.object({
  teamId: OptionalUuidQuery("teamId"),
  cursor: OptionalUuidQuery("cursor"),
});
export type CycleSummaryQuery = z.output<typeof CycleSummaryQuerySchema>;

/** The summary page's address (`?team=&cursor=`): the same filter as the API's, named as the page's form names it. */
export const CYCLE_SUMMARY_PAGE_PARAMS = {
  team: idSchema("team is not a team id: showing every team"),
  cursor: idSchema("cursor is not a place in the retrospectives: showing the first ones"),
};
