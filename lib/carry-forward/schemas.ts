import { z } from "zod";
import { idSchema } from "@/lib/http/schemas";

export const MAX_CARRY_PER_REQUEST = 200;

/** The objectives to copy into another cycle; the cycle they come from is the URL's (`/cycles/:id/carry-forward`). */
export const CarryForwardSchema = z
  .object({
    toCycleId: idSchema("Choose the cycle to carry the objectives into"),
    objectiveIds: z
      .array(idSchema("Not an objective id"), { error: "Send objectiveIds as a list of objective ids" })
      .min(1, "Choose at least one objective to carry forward")
      .max(MAX_CARRY_PER_REQUEST, `Carry at most ${MAX_CARRY_PER_REQUEST} objectives at once`),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.objectiveIds.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["objectiveIds", i], message: "This objective is in the list twice" });
      seen.add(id);
    });
  });
export type CarryForwardBody = z.output<typeof CarryForwardSchema>;
export type CarryForwardInput = CarryForwardBody & { fromCycleId: string };

/**
 * The summary page's form: the same, with the cycle it comes from as a hidden field. A form with no box ticked
 * sends no objectiveIds at all, which is an empty choice rather than a malformed one.
 */
export const CarryForwardFormSchema = z.preprocess(
  (raw) => (raw && typeof raw === "object" && !("objectiveIds" in raw) ? { ...raw, objectiveIds: [] } : raw),
  z.intersection(CarryForwardSchema, z.object({ fromCycleId: idSchema("Not a cycle id") })),
);

/** The summary page's address for the objectives to carry (`?team=&carryCursor=`), read with `parseAddress`. */
export const CARRY_CANDIDATES_PARAMS = {
  team: idSchema("team is not a team id: showing every team"),
  carryCursor: idSchema("carryCursor is not a place in the list: showing the first objectives to carry"),
};
