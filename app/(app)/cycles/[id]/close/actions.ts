"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/action";
import { closeCycleWithSummary, saveObjectiveClosing } from "@/lib/scoring/mutations";
import { CloseCycleSchema, ObjectiveClosingFormSchema } from "@/lib/scoring/schemas";
import { idSchema } from "@/lib/http/schemas";

/** One objective's closing form: its key results' scores and its retrospective, in one transaction. */
export const saveObjectiveClosingAction = defineAction({
  // Members hold score.update and retro.update on the same things; the domain checks each key result and the objective.
  permission: "score.update",
  schema: ObjectiveClosingFormSchema,
  run: async ({ actor, input }) => {
    const { scored, retrospective } = await saveObjectiveClosing(actor, input);
    return { scoresChanged: scored.filter((s) => s.isChanged).length, isRetroChanged: retrospective?.isChanged ?? false };
  },
  message: ({ scoresChanged, isRetroChanged }) => {
    const parts = [
      ...(scoresChanged ? [`${scoresChanged} score${scoresChanged === 1 ? "" : "s"}`] : []),
      ...(isRetroChanged ? ["the retrospective"] : []),
    ];
    return parts.length ? `Saved ${parts.join(" and ")}` : "Nothing had changed";
  },
});

export const closeCycleWithSummaryAction = defineAction({
  permission: "cycle.manage",
  schema: z.intersection(CloseCycleSchema, z.object({ cycleId: idSchema("Not a cycle id") })),
  run: async ({ actor, input }) => {
    const cycle = await closeCycleWithSummary(actor, input.cycleId, input);
    return { id: cycle.id, name: cycle.name, unscored: cycle.unscored };
  },
  message: (cycle) => `${cycle.name} is closed and read-only`,
});
