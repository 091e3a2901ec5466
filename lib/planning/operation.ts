import { z } from "zod";
import { operation } from "@/lib/api/contract";
import { IdParamsSchema } from "@/lib/http/schemas";
import { QUALITY_RULE_IDS } from "@/lib/quality/rules";

const id = z.string().meta({ format: "uuid" });
const date = z.string().meta({ format: "date", description: "A calendar date, YYYY-MM-DD" });
const level = z.enum(["company", "team", "personal"]);
const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int().meta({ description: "How many there are; `items` holds at most 100 of them" }), items: z.array(item) });
const objectiveRef = z.object({ id, title: z.string(), level, teamName: z.string().nullable() });

export const PlanningChecklistSchema = z
  .object({
    cycle: z.object({ id, name: z.string(), state: z.enum(["planning", "active", "closed"]), startDate: date, endDate: date }),
    totals: z.object({ teams: z.number().int(), objectives: z.number().int(), keyResults: z.number().int() }),
    teamsWithoutObjective: listOf(z.object({ id, name: z.string() })).meta({ description: "Teams (not archived) with no team objective in the cycle, abandoned ones aside" }),
    objectivesWithoutKeyResults: listOf(objectiveRef),
    keyResultsWithoutTarget: listOf(z.object({ id, title: z.string(), objective: objectiveRef })).meta({
      description: "Number, percentage and money key results that should increase or decrease, with the target equal to the start. Every key result has an owner, so none lacks one.",
    }),
    unalignedObjectives: listOf(objectiveRef).meta({ description: "Team and personal objectives aligned to no objective or key result" }),
    focus: z.object({
      limits: z.object({ maxObjectivesPerTeam: z.number().int(), maxKeyResultsPerObjective: z.number().int(), maxKeyResultsPerPerson: z.number().int() }),
      teams: z.array(z.object({ teamId: id, name: z.string().nullable(), count: z.number().int(), limit: z.number().int() })),
      objectives: z.array(z.object({ objectiveId: id, title: z.string().nullable(), count: z.number().int(), limit: z.number().int() })),
      people: z.array(z.object({ userId: id, name: z.string().nullable(), count: z.number().int(), limit: z.number().int() })),
    }),
    quality: z
      .array(
        z.object({
          ruleId: z.enum(QUALITY_RULE_IDS),
          label: z.string(),
          suggestion: z.string(),
          objectiveCount: z.number().int(),
          flagCount: z.number().int(),
          objectives: z.array(objectiveRef.extend({ flags: z.number().int() })),
        }),
      )
      .meta({ description: "The quality coach's flags by rule; rules the organisation switched off are left out" }),
    disabledRules: z.array(z.string()),
  })
  .meta({ id: "PlanningChecklist" });

export const cyclePlanning = operation({
  operationId: "getCyclePlanning",
  method: "GET",
  path: "/cycles/{id}/planning",
  tag: "Cycles",
  summary: "What a cycle's plan is missing",
  description:
    "The planning check: teams with no objective, objectives with no key result, key results whose target equals their start, unaligned objectives, focus limits exceeded and the quality coach's flags. Abandoned objectives are left out.",
  permission: "cycle.read",
  params: IdParamsSchema,
  response: PlanningChecklistSchema,
});
