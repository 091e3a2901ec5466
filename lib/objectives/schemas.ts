import { z } from "zod";
import { idSchema, ReasonSchema, safeString, VersionSchema } from "@/lib/http/schemas";
import { KeyResultDraftSchema } from "@/lib/key-results/schemas";
import type { ObjectiveLevel } from "@/lib/generated/prisma/enums";

const TitleSchema = safeString({ error: "Give the objective a title" }).trim().min(3, "Titles need at least 3 characters").max(200, "Titles are at most 200 characters");
const WhySchema = safeString({ multiline: true }).trim().max(2000, "Keep “why it matters” under 2000 characters");
const OptionalUuid = (what: string) =>
  z
    .union([idSchema(`Not a valid ${what} id`), z.literal(""), z.null()])
    .optional()
    .transform((v) => (v ? v : null));

/** For updates: absent leaves the value alone, empty or null clears it. */
const NullableUuid = (what: string) =>
  z
    .union([idSchema(`Not a valid ${what} id`), z.literal(""), z.null()])
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null));

export const LevelSchema = z.enum(["company", "team", "personal"], { error: "Level must be company, team or personal" });
export const KindSchema = z.enum(["committed", "aspirational"], { error: "Kind must be committed or aspirational" });

function checkLevel<T extends { level?: ObjectiveLevel; teamId?: string | null }>(input: T, ctx: z.RefinementCtx) {
  if (input.level === "team" && !input.teamId) ctx.addIssue({ code: "custom", path: ["teamId"], message: "Choose the team this objective belongs to" });
  if (input.level === "company" && input.teamId) ctx.addIssue({ code: "custom", path: ["teamId"], message: "Company objectives belong to no team" });
}

function checkOneParent<T extends { parentObjectiveId?: string | null; parentKeyResultId?: string | null }>(input: T, ctx: z.RefinementCtx) {
  if (input.parentObjectiveId && input.parentKeyResultId) {
    ctx.addIssue({ code: "custom", path: ["parentKeyResultId"], message: "Align to an objective or to a key result, not both" });
  }
}

export const MAX_DRAFT_KEY_RESULTS = 10;

export const CreateObjectiveSchema = z
  .object({
    cycleId: idSchema("Choose a cycle"),
    level: LevelSchema,
    teamId: OptionalUuid("team"),
    ownerId: OptionalUuid("owner"),
    title: TitleSchema,
    whyItMatters: WhySchema.default(""),
    kind: KindSchema.default("committed"),
    state: z.enum(["draft", "active"], { error: "New objectives are draft or active" }).default("active"),
    parentObjectiveId: OptionalUuid("objective"),
    parentKeyResultId: OptionalUuid("key result"),
    /** Key results written in the same form, created in the same transaction as the objective. */
    keyResults: z.array(KeyResultDraftSchema).max(MAX_DRAFT_KEY_RESULTS, `Add at most ${MAX_DRAFT_KEY_RESULTS} key results here; more can be added on the objective's page`).default([]),
  })
  .superRefine(checkLevel)
  .superRefine(checkOneParent);
export type CreateObjectiveInput = z.output<typeof CreateObjectiveSchema>;

export const UpdateObjectiveSchema = z
  .object({
    version: VersionSchema,
    title: TitleSchema.optional(),
    whyItMatters: WhySchema.optional(),
    kind: KindSchema.optional(),
    state: z.enum(["draft", "active", "done"], { error: "State must be draft, active or done (abandon has its own action)" }).optional(),
    ownerId: idSchema("Not a valid owner id").optional(),
    level: LevelSchema.optional(),
    teamId: NullableUuid("team"),
    reason: ReasonSchema,
  });
export type UpdateObjectiveInput = z.output<typeof UpdateObjectiveSchema>;

export const AlignObjectiveSchema = z
  .object({
    version: VersionSchema,
    parentObjectiveId: OptionalUuid("objective"),
    parentKeyResultId: OptionalUuid("key result"),
  })
  .superRefine(checkOneParent);
export type AlignObjectiveInput = z.output<typeof AlignObjectiveSchema>;

export const AbandonObjectiveSchema = z.object({
  version: VersionSchema,
  reason: safeString({ error: "Say why the objective is abandoned", multiline: true }).trim().min(3, "Say why the objective is abandoned").max(1000, "Reasons are at most 1000 characters"),
});
export type AbandonObjectiveInput = z.output<typeof AbandonObjectiveSchema>;

export const MoveSchema = z.object({ direction: z.enum(["up", "down"], { error: "Move up or down" }) });

export const ListObjectivesQuerySchema = z.object({
  cycleId: idSchema("cycleId must be a cycle id").optional(),
  teamId: idSchema("teamId must be a team id").optional(),
  ownerId: idSchema("ownerId must be a person's id").optional(),
  level: LevelSchema.optional(),
  state: z.enum(["draft", "active", "done", "abandoned"], { error: "state must be draft, active, done or abandoned" }).optional(),
  q: safeString().trim().max(100, "q is at most 100 characters").optional(),
  expand: z.enum(["keyResults"], { error: "expand can only be keyResults" }).optional(),
});
export type ListObjectivesQuery = z.output<typeof ListObjectivesQuerySchema>;

/**
 * The alignment picker's single field: "objective:<id>", "key_result:<id>" or empty for none. Split into the two
 * columns the domain uses.
 */
export const ParentFieldSchema = z
  .union([safeString().regex(/^(objective|key_result):[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, "Choose what this objective contributes to from the list"), z.literal("")], {
    error: "Choose what this objective contributes to from the list",
  })
  .optional()
  .transform((v) => {
    if (!v) return { parentObjectiveId: null, parentKeyResultId: null };
    const [kind, mixedCaseId] = v.split(":") as [string, string];
    const id = mixedCaseId.toLowerCase();
    return kind === "objective" ? { parentObjectiveId: id, parentKeyResultId: null } : { parentObjectiveId: null, parentKeyResultId: id };
  });
