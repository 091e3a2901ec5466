import { z } from "zod";
import { idSchema, safeString } from "@/lib/http/schemas";

/** "objective:<id>" or "key_result:<id>", as the picker sends it; the API sends the id in the field of its kind. */
const TargetFieldSchema = safeString({ error: "Choose an objective or key result from the list" })
  .regex(/^(objective|key_result):[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, "Choose an objective or key result from the list")
  .transform((v) => {
    const [kind, id] = v.split(":") as [string, string];
    return kind === "objective" ? { supportsObjectiveId: id.toLowerCase(), supportsKeyResultId: undefined } : { supportsObjectiveId: undefined, supportsKeyResultId: id.toLowerCase() };
  });

export const AddSupportSchema = z
  .object({
    supportsObjectiveId: idSchema("supportsObjectiveId must be an objective id").optional(),
    supportsKeyResultId: idSchema("supportsKeyResultId must be a key result id").optional(),
  })
  .refine((v) => (v.supportsObjectiveId === undefined) !== (v.supportsKeyResultId === undefined), {
    message: "Name one objective (supportsObjectiveId) or one key result (supportsKeyResultId) this objective supports",
    path: ["supportsObjectiveId"],
  });
export type AddSupportInput = z.output<typeof AddSupportSchema>;

/** The page's form: the objective, and what it supports as one picker field. */
export const AddSupportFormSchema = z.object({ objectiveId: idSchema("Not an objective id"), target: TargetFieldSchema });

export const AddDependencySchema = z.object({ dependsOnId: idSchema("Choose the key result this one depends on") });
export type AddDependencyInput = z.output<typeof AddDependencySchema>;

/** The page's form: the key result, and the one it depends on from the picker ("key_result:<id>"). */
export const AddDependencyFormSchema = z.object({
  keyResultId: idSchema("Not a key result id"),
  dependsOn: safeString({ error: "Choose a key result from the list" }).regex(/^key_result:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, "Choose a key result from the list (not an objective)"),
});

export const DependencyParamsSchema = z.object({ id: idSchema(), dependsOnId: idSchema() });
export const SupportParamsSchema = z.object({ id: idSchema(), supportId: idSchema() });
